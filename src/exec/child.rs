//! Running the command of `exec`: its exit status becomes ours, and signals sent to us reach it.
//!
//! A signal another process sends us (`kill`, a CI runner cancelling a job) is forwarded to the
//! command. One the terminal sends (Ctrl-C, Ctrl-\, a hang-up) already goes to the whole
//! foreground process group, the command included: it is not sent twice, and we stay alive to
//! clean up after the command whatever it does with it. The kernel tells the two apart by the
//! `si_code` of the signal: `SI_KERNEL` (> 0) for the terminal, `SI_USER`/`SI_QUEUE` (<= 0) for a
//! process.

use std::ffi::OsString;
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicI32, Ordering};

use crate::error::{Error, Result};

/// The command's pid once it runs; 0 before.
static CHILD: AtomicI32 = AtomicI32::new(0);
/// A signal that arrived before the command ran, forwarded once it does.
static PENDING: AtomicI32 = AtomicI32::new(0);

const FORWARDED: [libc::c_int; 6] = [
    libc::SIGINT,
    libc::SIGTERM,
    libc::SIGHUP,
    libc::SIGQUIT,
    libc::SIGUSR1,
    libc::SIGUSR2,
];

extern "C" fn forward(sig: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo to an SA_SIGINFO handler.
    let code = unsafe { (*info).si_code };
    if code > 0 {
        return;
    }
    let pid = CHILD.load(Ordering::SeqCst);
    if pid > 0 {
        // SAFETY: kill is async-signal-safe.
        unsafe { libc::kill(pid, sig) };
    } else {
        PENDING.store(sig, Ordering::SeqCst);
    }
}

fn install_forwarding() -> Result<()> {
    for sig in FORWARDED {
        // SAFETY: a zeroed sigaction is a valid starting point; the handler only uses atomics
        // and kill, which are async-signal-safe.
        let rc = unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = forward as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(sig, &action, std::ptr::null_mut())
        };
        if rc != 0 {
            return Err(Error::other(format!(
                "cannot handle signal {sig}: {}",
                std::io::Error::last_os_error()
            )));
        }
    }
    Ok(())
}

/// Runs `cmd` to its end with signals forwarded; returns its exit code, `128 + N` when signal N
/// ended it, as shells report it (127 and 126 when it cannot be run, as `env` does).
pub fn run(mut cmd: Command, program: &OsString) -> Result<i32> {
    install_forwarding()?;
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "codeartifact exec: cannot run {}: {e}",
                program.to_string_lossy()
            );
            return Ok(match e.kind() {
                std::io::ErrorKind::NotFound => 127,
                _ => 126,
            });
        }
    };
    let pid = i32::try_from(child.id()).expect("pids fit in an i32");
    CHILD.store(pid, Ordering::SeqCst);
    let pending = PENDING.swap(0, Ordering::SeqCst);
    if pending != 0 {
        // SAFETY: signalling our own child.
        unsafe { libc::kill(pid, pending) };
    }
    let status = child
        .wait()
        .map_err(|e| Error::other(format!("cannot wait for the command: {e}")))?;
    CHILD.store(0, Ordering::SeqCst);
    Ok(exit_code(status))
}

fn exit_code(status: ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1)
}
