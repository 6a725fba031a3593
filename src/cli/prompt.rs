//! Questions on a terminal: pick one of a list (type to filter), yes or no, a line of text.
//!
//! Why not dialoguer's prompts: they put the terminal in raw mode for each key and back between
//! keys, so a Ctrl-C either arrives as a byte (console then raises SIGINT *and* returns "read
//! interrupted") or as a signal while the menu is drawn; on every path the cursor stays hidden
//! and the menu stays on screen, and the exit status depends on which one wins. Here the terminal
//! is raw for the whole question, so Ctrl-C is always a key, and a guard owns the terminal: its
//! `Drop` (on every return, error or panic) clears what the question drew, shows the cursor and
//! restores the terminal's modes. Ctrl-C ends the question with [`Error::Interrupted`] (exit 130,
//! nothing more printed); Esc (or Ctrl-D) does too, after writing "cancelled" on the question's
//! line. Everything goes to stderr: stdout stays the command's data.
//!
//! Callers ask only when stdin and stderr are terminals ([`interactive`]); without a terminal
//! they must fail with a message instead.

use std::io::{IsTerminal, Write};
use std::os::fd::AsRawFd;

use console::{Key, Term, truncate_str};

use crate::error::{Error, Result};

/// Whether questions can be asked: the question goes to stderr and the answer comes from stdin.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// At most this many entries of a list are shown at once; the rest scroll (or are found by
/// typing).
const PAGE: usize = 10;

/// Picks one of `items` (not empty); typing filters them (see [`rank`]).
pub fn select(prompt: &str, items: &[String]) -> Result<String> {
    let mut q = Question::start()?;
    let mut filter = String::new();
    let mut shown = rank(&filter, items);
    let mut cursor = 0usize;
    loop {
        let (_, width) = q.term.size();
        let page = PAGE.min(usize::from(q.term.size().0).saturating_sub(2).max(1));
        let top = cursor.saturating_sub(page - 1);
        let mut lines = vec![format!(
            "{} {prompt} {}: {filter}",
            style("?").yellow().bold(),
            style(format!(
                "({} of {}; type to filter, arrows to move, Enter to choose, Esc to cancel)",
                shown.len(),
                items.len()
            ))
            .dim()
        )];
        if shown.is_empty() {
            lines.push(format!("  {}", style("no match").dim()));
        }
        for (i, &item) in shown.iter().enumerate().skip(top).take(page) {
            lines.push(if i == cursor {
                format!(
                    "{} {}",
                    style(">").cyan().bold(),
                    style(&items[item]).cyan()
                )
            } else {
                format!("  {}", items[item])
            });
        }
        q.draw(&lines, usize::from(width))?;
        match q.key()? {
            Key::Enter if !shown.is_empty() => {
                let chosen = items[shown[cursor]].clone();
                q.finish(&format!("{prompt}: {chosen}"))?;
                return Ok(chosen);
            }
            Key::ArrowUp | Key::BackTab if !shown.is_empty() => {
                cursor = cursor.checked_sub(1).unwrap_or(shown.len() - 1);
            }
            Key::ArrowDown | Key::Tab if !shown.is_empty() => cursor = (cursor + 1) % shown.len(),
            Key::PageUp => cursor = cursor.saturating_sub(page),
            Key::PageDown if !shown.is_empty() => cursor = (cursor + page).min(shown.len() - 1),
            Key::Home => cursor = 0,
            Key::End => cursor = shown.len().saturating_sub(1),
            Key::Backspace => {
                filter.pop();
                shown = rank(&filter, items);
                cursor = 0;
            }
            Key::Char(c) if !c.is_control() => {
                filter.push(c);
                shown = rank(&filter, items);
                cursor = 0;
            }
            key => q.cancel_on(&key, prompt)?,
        }
    }
}

/// Asks a yes-or-no question; Enter takes `default`.
pub fn confirm(prompt: &str, default: bool) -> Result<bool> {
    let mut q = Question::start()?;
    let choices = if default { "[Y/n]" } else { "[y/N]" };
    loop {
        let line = format!(
            "{} {prompt} {}",
            style("?").yellow().bold(),
            style(choices).dim()
        );
        q.draw(&[line], usize::from(q.term.size().1))?;
        let answer = match q.key()? {
            Key::Enter => default,
            Key::Char('y' | 'Y') => true,
            Key::Char('n' | 'N') => false,
            key => {
                q.cancel_on(&key, prompt)?;
                continue;
            }
        };
        q.finish(&format!("{prompt} {}", if answer { "yes" } else { "no" }))?;
        return Ok(answer);
    }
}

/// Reads a line of text; Enter on an empty line takes `default`.
pub fn input(prompt: &str, default: &str) -> Result<String> {
    let mut q = Question::start()?;
    let mut text = String::new();
    loop {
        let line = format!(
            "{} {prompt} {}: {text}",
            style("?").yellow().bold(),
            style(format!("[{default}]")).dim()
        );
        q.draw(&[line], usize::from(q.term.size().1))?;
        match q.key()? {
            Key::Enter => {
                let answer = if text.is_empty() {
                    default.to_string()
                } else {
                    text
                };
                q.finish(&format!("{prompt}: {answer}"))?;
                return Ok(answer);
            }
            Key::Backspace => {
                text.pop();
            }
            Key::Char(c) if !c.is_control() => text.push(c),
            key => q.cancel_on(&key, prompt)?,
        }
    }
}

/// The entries of `items` that match `filter`, best first, as indices: those that hold it as a
/// substring (earliest, then shortest, first), then those that hold its characters in order
/// (tightest first). Case is ignored; an empty filter keeps every entry in its order.
pub fn rank(filter: &str, items: &[String]) -> Vec<usize> {
    if filter.is_empty() {
        return (0..items.len()).collect();
    }
    let needle: Vec<char> = filter.to_lowercase().chars().collect();
    let mut scored: Vec<((usize, usize, usize), usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let hay: Vec<char> = item.to_lowercase().chars().collect();
            let score = if let Some(at) = find(&hay, &needle) {
                (0, at, hay.len())
            } else {
                (1, subsequence_span(&hay, &needle)?, hay.len())
            };
            Some((score, i))
        })
        .collect();
    scored.sort();
    scored.into_iter().map(|(_, i)| i).collect()
}

fn find(hay: &[char], needle: &[char]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The length of the shortest stretch of `hay` that holds `needle`'s characters in order.
fn subsequence_span(hay: &[char], needle: &[char]) -> Option<usize> {
    let first = *needle.first()?;
    let mut best: Option<usize> = None;
    for start in (0..hay.len()).filter(|&s| hay[s] == first) {
        let mut at = start;
        let mut ok = true;
        for c in &needle[1..] {
            match hay[at + 1..].iter().position(|h| h == c) {
                Some(p) => at += 1 + p,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            let span = at - start + 1;
            best = Some(best.map_or(span, |b| b.min(span)));
        }
    }
    best
}

/// One question on the terminal: raw mode, the hidden cursor and the lines drawn, all undone by
/// `Drop`.
struct Question {
    term: Term,
    /// The terminal's modes before the question (restored by `Drop`).
    saved: libc::termios,
    /// Lines drawn and not yet cleared; the cursor is on the last one.
    drawn: usize,
}

impl Question {
    fn start() -> Result<Question> {
        let fd = std::io::stdin().as_raw_fd();
        let mut saved = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct on success, which is checked before it is read.
        let saved = unsafe {
            if libc::tcgetattr(fd, saved.as_mut_ptr()) != 0 {
                return Err(prompt_error(&std::io::Error::last_os_error()));
            }
            saved.assume_init()
        };
        let mut raw = saved;
        // SAFETY: cfmakeraw only edits the struct it is given.
        unsafe { libc::cfmakeraw(&mut raw) };
        // Output processing stays on, so "\n" still starts a new line.
        raw.c_oflag = saved.c_oflag;
        // SAFETY: a valid termios for our own terminal.
        if unsafe { libc::tcsetattr(fd, libc::TCSADRAIN, &raw) } != 0 {
            return Err(prompt_error(&std::io::Error::last_os_error()));
        }
        let q = Question {
            term: Term::stderr(),
            saved,
            drawn: 0,
        };
        q.term.hide_cursor().map_err(|e| prompt_error(&e))?;
        Ok(q)
    }

    /// Replaces what was drawn with `lines`, each cut to the terminal's width so none wraps (a
    /// wrapped line would throw off what `clear` removes).
    fn draw(&mut self, lines: &[String], width: usize) -> Result<()> {
        let width = width.saturating_sub(1).max(10);
        let text = lines
            .iter()
            .map(|l| truncate_str(l, width, "…").into_owned())
            .collect::<Vec<_>>()
            .join("\r\n");
        self.clear()?;
        self.write(&text)?;
        self.drawn = lines.len();
        Ok(())
    }

    /// Removes the lines drawn: up to the first, then clear to the end of the screen.
    fn clear(&mut self) -> Result<()> {
        let mut s = String::from("\r");
        if self.drawn > 1 {
            s.push_str(&format!("\x1b[{}A", self.drawn - 1));
        }
        s.push_str("\x1b[J");
        self.drawn = 0;
        self.write(&s)
    }

    fn write(&self, s: &str) -> Result<()> {
        let mut t = &self.term;
        t.write_all(s.as_bytes())
            .and_then(|()| t.flush())
            .map_err(|e| prompt_error(&e))
    }

    fn key(&self) -> Result<Key> {
        self.term.read_key_raw().map_err(|e| prompt_error(&e))
    }

    /// Ends the question, leaving `summary` (the question and its answer) on its line.
    fn finish(&mut self, summary: &str) -> Result<()> {
        self.clear()?;
        self.write(&format!("{summary}\r\n"))
    }

    /// Ctrl-C ends the question quietly, Esc and Ctrl-D with "cancelled"; other keys are ignored.
    fn cancel_on(&mut self, key: &Key, prompt: &str) -> Result<()> {
        match key {
            Key::CtrlC => {
                self.clear()?;
                Err(Error::Interrupted)
            }
            Key::Escape | Key::Char('\u{4}') => {
                self.finish(&format!("{prompt}: cancelled"))?;
                Err(Error::Interrupted)
            }
            _ => Ok(()),
        }
    }
}

impl Drop for Question {
    fn drop(&mut self) {
        // Best effort: the terminal may be gone, and there is nobody to tell.
        let _ = self.clear();
        let _ = self.term.show_cursor();
        // SAFETY: restores the modes read in `start` on the same terminal.
        unsafe { libc::tcsetattr(std::io::stdin().as_raw_fd(), libc::TCSADRAIN, &self.saved) };
    }
}

/// Styles for stderr (console's `style` would follow stdout, which may be a pipe).
fn style<D>(val: D) -> console::StyledObject<D> {
    console::style(val).for_stderr()
}

fn prompt_error(e: &std::io::Error) -> Error {
    Error::other(format!("the prompt failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(filter: &str, items: &[&str]) -> Vec<String> {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        rank(filter, &items)
            .into_iter()
            .map(|i| items[i].clone())
            .collect()
    }

    #[test]
    fn substrings_come_first_then_scattered_matches() {
        let items = ["pnpm", "npm", "yarn", "nuget", "poetry"];
        assert_eq!(names("", &items), items);
        assert_eq!(names("np", &items), ["npm", "pnpm"]);
        assert_eq!(names("NPM", &items), ["npm", "pnpm"]);
        assert_eq!(names("pty", &items), ["poetry"]);
        assert!(names("zz", &items).is_empty());
    }

    #[test]
    fn tighter_scattered_matches_rank_higher() {
        assert_eq!(
            names("wf", &["web-long-frontend", "wf-x", "w-f"]),
            ["wf-x", "w-f", "web-long-frontend"]
        );
    }
}
