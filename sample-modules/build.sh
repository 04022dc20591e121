#!/usr/bin/env bash
# Rebuilds the committed .wasm files of sample-modules/ from their sources.
#
#   sample-modules/build.sh                 everything
#   sample-modules/build.sh wat rust        only some toolchains: wat, as, rust, c, emscripten
#
# Toolchains (Debian packages + npm; see the README's sample modules section):
#   wat         wabt (wat2wasm, wasm-validate)
#   as          node + npm; AssemblyScript 0.14.13 and @solo-io/proxy-runtime 0.1.8 are installed
#               locally in add-header/node_modules with `npm ci`
#   rust        /usr/bin/rustc + /usr/bin/cargo with the wasm32-wasi target
#               (apt-get install rustc cargo libstd-rust-dev-wasm32). Called by full path because
#               a rustup toolchain without wasm targets may come first on PATH. No crates.io.
#   c           clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32
#   emscripten  em++ from Debian's emscripten package (3.1.6)
# The outputs are deterministic: rebuilding from a clean tree gives identical bytes.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
HERE="$(pwd)"

fail() {
  echo "build.sh: $*" >&2
  exit 1
}

require() { # require COMMAND HINT
  command -v "$1" >/dev/null 2>&1 || fail "'$1' not found; install it with: $2"
}

BUILT=()
built() { # built FILE: validate it and remember it for the summary
  wasm-validate "$1" || fail "$1 does not validate"
  BUILT+=("$1")
}

build_wat() {
  require wat2wasm "apt-get install -y wabt"
  local wat
  for wat in hello-abi/hello_abi.wat testdata/*.wat; do
    # --debug-names keeps the $names, so traps show a readable Wasm stack.
    wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
    built "${wat%.wat}.wasm"
  done
}

build_as() {
  require node "apt-get install -y nodejs npm"
  require npm "apt-get install -y npm"
  (
    cd add-header
    npm ci --no-audit --no-fund --loglevel=error
    npx --no-install asc index.ts -b add_header.wasm --use abort=abort_proc_exit --optimize
  )
  built add-header/add_header.wasm
}

build_rust() {
  local rustc=/usr/bin/rustc cargo=/usr/bin/cargo
  [[ -x $rustc && -x $cargo ]] || fail "Debian's rustc/cargo not found in /usr/bin; install them with: apt-get install -y rustc cargo libstd-rust-dev-wasm32"
  [[ -d "$($rustc --print sysroot)/lib/rustlib/wasm32-wasi" ]] ||
    fail "$rustc has no wasm32-wasi target; install it with: apt-get install -y libstd-rust-dev-wasm32"
  # Panic locations embed source paths: remap the checkout directory so the bytes do not depend
  # on where the repository lives.
  RUSTC=$rustc RUSTFLAGS="--remap-path-prefix=$HERE=sample-modules" \
    $cargo build --release --offline --locked --target wasm32-wasi --target-dir rust-target
  # The pure-Rust parts (the SDK's pairs and JSON, the RESP parser) have unit tests: run them on
  # the host before shipping anything built from them.
  RUSTC=$rustc $cargo test --quiet --offline --locked --target-dir rust-target \
    -p proxy-wasm-mini -p redis-inspector
  local out=rust-target/wasm32-wasi/release crate
  for crate in deny rate-limiter request-counter stats-aggregator auth-callout redis-inspector access-logger; do
    cp "$out/${crate//-/_}.wasm" "$crate/${crate//-/_}.wasm"
    built "$crate/${crate//-/_}.wasm"
  done
  cp "$out/rust_sdk_shaped.wasm" testdata/rust_sdk_shaped.wasm
  built testdata/rust_sdk_shaped.wasm
}

build_c() {
  require clang-14 "apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32"
  [[ -f /usr/lib/wasm32-wasi/libc.a ]] || fail "wasi-libc not found; install it with: apt-get install -y wasi-libc"
  local source
  for source in body-rewrite/body_rewrite.c testdata/tcp_filter.c testdata/access_log.c \
    testdata/hostcall_probe.c; do
    clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor \
      -Wall -Wextra -Wno-unused-parameter -Werror -Wl,--strip-debug \
      -o "${source%.c}.wasm" "$source"
    built "${source%.c}.wasm"
  done
}

build_emscripten() {
  require em++ "apt-get install -y emscripten"
  # The C++ SDK uses -sINITIAL_HEAP=64KB, which emscripten 3.1.6 does not know yet;
  # a 64 KiB stack in 256 KiB of initial memory is the closest equivalent.
  em++ -O2 -Wall --no-entry -sSTANDALONE_WASM -sEXPORTED_FUNCTIONS=_malloc \
    -sALLOW_MEMORY_GROWTH=1 -sTOTAL_STACK=64KB -sINITIAL_MEMORY=256KB \
    --js-library testdata/emscripten/proxy_wasm_intrinsics.js \
    testdata/emscripten/emscripten_hello.cc -o testdata/emscripten_hello.wasm
  built testdata/emscripten_hello.wasm
}

require wasm-validate "apt-get install -y wabt"
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(wat as rust c emscripten)
for target in "${targets[@]}"; do
  case "$target" in
    wat | as | rust | c | emscripten) echo "== $target" && "build_$target" ;;
    *) fail "unknown target '$target' (wat, as, rust, c, emscripten)" ;;
  esac
done

echo
echo "Built ${#BUILT[@]} modules in $HERE:"
for file in "${BUILT[@]}"; do
  printf '  %-40s %8d bytes\n' "$file" "$(stat -c %s "$file")"
done
