#!/usr/bin/env bash
# Installs the real package clients that tests/dataplane_*.rs drive against `mock serve`:
# npm (with node), yarn 1 and pnpm into .ci/node_modules, yarn berry (4) into .ci/berry,
# the AWS SDK for JavaScript v3 (a second SDK oracle for the emulator) into .ci/node_modules,
# pip/uv/twine/build/wheel/poetry into .ci/pyclients,
# mvn with Debian's offline deploy plugin, gradle (Debian's 4.4.1, which runs on Java 17), bun
# into .ci/bun, gem and bundle (Debian's ruby and ruby-bundler).
# Idempotent; run as root on a fresh Debian machine.
# Nothing here is used at test time to reach the internet: the tests talk to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v mvn >/dev/null || need_apt+=(maven)
command -v openssl >/dev/null || need_apt+=(openssl)  # tests/tls.rs makes its certificates
command -v gem >/dev/null || need_apt+=(ruby)
command -v bundle >/dev/null || need_apt+=(ruby-bundler)
command -v curl >/dev/null || need_apt+=(curl)  # tests/mock_limits.rs: a third client reading refusals
# `jar` (building the test jars) comes with a JDK, not with a bare JRE.
command -v jar >/dev/null || need_apt+=(default-jdk-headless)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
command -v gradle >/dev/null || need_apt+=(gradle)  # tests/login_gradle.rs
# deploy-file without reaching Maven Central: Debian installs the plugin into
# /usr/share/maven-repo, which the tests use as a file:// repository.
[ -d /usr/share/maven-repo/org/apache/maven/plugins/maven-deploy-plugin ] \
  || need_apt+=(libmaven-deploy-plugin-java)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "== yarn 1, pnpm and the AWS SDK for JavaScript v3 in .ci/node_modules"
if [ ! -x .ci/node_modules/.bin/yarn ] || [ ! -x .ci/node_modules/.bin/pnpm ] \
  || [ ! -f .ci/node_modules/@aws-sdk/client-codeartifact/package.json ]; then
  # A throwaway package.json keeps npm from walking up to a parent project. All of them in one
  # install: npm removes from node_modules what package.json does not list.
  [ -f .ci/package.json ] || echo '{"name":"ci-clients","private":true}' > .ci/package.json
  npm install --prefix .ci --no-audit --no-fund --loglevel=error yarn@1 pnpm@9 \
    @aws-sdk/client-codeartifact@3
fi

# yarn berry in its own prefix: its package also installs a `yarn` bin, which would replace
# yarn 1's in .ci/node_modules/.bin. The cli-dist package is the whole of yarn in one file, so
# nothing is fetched at run time (corepack would download yarn from a host unreachable here).
echo "== yarn berry in .ci/berry"
if [ ! -x .ci/berry/node_modules/.bin/yarn ]; then
  mkdir -p .ci/berry
  [ -f .ci/berry/package.json ] || echo '{"name":"ci-berry","private":true}' > .ci/berry/package.json
  npm install --prefix .ci/berry --no-audit --no-fund --loglevel=error @yarnpkg/cli-dist@4
fi

# bun's Linux binary as the npm registry ships it (no install script, no download at run time),
# in its own prefix like berry. tests/login_bun.rs.
echo "== bun in .ci/bun"
if [ ! -x .ci/bun/node_modules/@oven/bun-linux-x64/bin/bun ]; then
  mkdir -p .ci/bun
  [ -f .ci/bun/package.json ] || echo '{"name":"ci-bun","private":true}' > .ci/bun/package.json
  npm install --prefix .ci/bun --no-audit --no-fund --loglevel=error @oven/bun-linux-x64@1
fi

# Not .venv: twine needs a docutils newer than AWS CLI v1 (the oracle there) accepts.
echo "== pip, uv, twine, build, wheel, poetry in .ci/pyclients"
if [ ! -x .ci/pyclients/bin/python ]; then
  python3 -m venv .ci/pyclients
fi
# `python -m pip`, not bin/pip: a venv copied from another checkout keeps that checkout's
# path in bin/pip's shebang and would install there.
if [ ! -x .ci/pyclients/bin/uv ] || [ ! -x .ci/pyclients/bin/twine ] \
  || [ ! -x .ci/pyclients/bin/poetry ] \
  || ! .ci/pyclients/bin/python -c 'import build, wheel, setuptools' 2>/dev/null; then
  .ci/pyclients/bin/python -m pip install --quiet --disable-pip-version-check \
    uv twine build wheel setuptools poetry
fi

node --version
echo "@aws-sdk/client-codeartifact $(node -p 'require("./.ci/node_modules/@aws-sdk/client-codeartifact/package.json").version')"
.ci/node_modules/.bin/yarn --version
.ci/node_modules/.bin/pnpm --version
echo "yarn berry $(.ci/berry/node_modules/.bin/yarn --version)"
.ci/pyclients/bin/uv --version
.ci/pyclients/bin/twine --version | awk 'NR == 1'
.ci/pyclients/bin/poetry --version
mvn --version | awk 'NR == 1'
echo "bun $(.ci/bun/node_modules/@oven/bun-linux-x64/bin/bun --version)"
gradle --version 2>/dev/null | awk '/^Gradle/'
echo "gem $(gem --version), $(bundle --version)"
