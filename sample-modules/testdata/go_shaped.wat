;; go_shaped.wat (test module): the import/export interface of a proxy-wasm module built with
;; Go 1.24 (`GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared`, proxy-wasm-go-sdk), with a
;; hello-world plugin inside. Go is not available on this machine, so this replicates by hand
;; what such binaries look like (docs/abi-notes.md, "Versions, imports and memory"):
;;
;; * exactly the 15 wasi_snapshot_preview1 functions the Go runtime imports, with `fd_write`
;;   imported TWICE (two import entries with the same module and name: Go's runtime and its
;;   syscall package each declare it). A host must satisfy both slots;
;; * only the `env.proxy_*` functions the plugin uses;
;; * exports `_initialize` (reactor start: here it makes the same WASI calls the Go runtime makes
;;   while starting: clocks, random seed, stdout fdstat, preopen scan expecting BADF, a zero
;;   timeout poll_oneoff, environment and argument sizes; an unexpected errno traps, as Go's
;;   runtime would throw), `proxy_on_memory_allocate` but NO `malloc`, `proxy_abi_version_0_2_0`,
;;   `memory`, and the L4/L7/lifecycle callbacks of the Go SDK (no gRPC callbacks, no
;;   proxy_on_foreign_function).
;;
;; Plugin behaviour:
;;   proxy_on_vm_start         logs "go-shaped: vm start" (proxy_log) and writes
;;                             "hello from stdout\n" to fd 1 (fd_write, first import)
;;   proxy_on_request_headers  logs "go-shaped: request headers", sets a 1000 ms tick
;;   proxy_on_tick             logs "go-shaped: tick" and writes "go-shaped: tick on stderr\n"
;;                             to fd 2 (fd_write, second import)
;; Plugin configuration: none.
;;
;; Start-up failures, as Go's runtime has them (runtime.throw writes "fatal error: <why>" to
;; stderr, then the module hits `unreachable`):
;;   * runtime.schedinit grows memory by one 4 MiB heap arena (64 pages); when memory.grow fails
;;     (a small `maxMemoryPages`) it writes "runtime: out of memory: cannot allocate
;;     4194304-byte block (0 in use)" and throws "out of memory";
;;   * runtime.main reads the monotonic clock and throws "nanotime returning zero" when it is 0
;;     (Go's runtime.main does exactly this, so a host whose monotonic clock starts at 0 cannot
;;     start any Go module).
;;
;; Memory map: 16.. WASI scratch (iovecs, sizes, poll subscription/event), 256.. strings,
;; 65536.. heap (bump allocator, never freed: Go's GC would own this memory).
(module
  ;; ---- WASI, in the order a Go binary lists them (runtime first, then package syscall) ----
  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write_runtime (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff"
    (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  ;; The same function again, a second import entry (Go's syscall package):
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write_syscall (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_flags"
    (func $fd_fdstat_set_flags (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))

  ;; ---- Proxy-Wasm: only what the plugin calls ----
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_set_effective_context" (func $proxy_set_effective_context (param i32) (result i32)))
  (import "env" "proxy_set_tick_period_milliseconds"
    (func $proxy_set_tick_period_milliseconds (param i32) (result i32)))

  (memory (export "memory") 2)
  (global $heap_top (mut i32) (i32.const 65536))

  (data (i32.const 256) "go-shaped: vm start")          ;; 19
  (data (i32.const 288) "hello from stdout\n")          ;; 18
  (data (i32.const 320) "go-shaped: request headers")   ;; 26
  (data (i32.const 352) "go-shaped: tick")              ;; 15
  (data (i32.const 384) "go-shaped: tick on stderr\n")  ;; 26
  (data (i32.const 416) "fatal error: ")                ;; 13
  (data (i32.const 432) "nanotime returning zero")      ;; 23
  (data (i32.const 464) "runtime: out of memory: cannot allocate 4194304-byte block (0 in use)\n") ;; 70
  (data (i32.const 544) "out of memory")                ;; 13
  (data (i32.const 560) "\n")                           ;; 1

  (func (export "proxy_abi_version_0_2_0"))

  ;; ---- start-up, as the Go runtime does it ----
  ;; runtime.throw: "fatal error: <why>\n" on stderr (three writes, as Go's print does), then trap.
  (func $runtime.throw (param $why i32) (param $len i32)
    (call $write_runtime (i32.const 2) (i32.const 416) (i32.const 13))
    (call $write_runtime (i32.const 2) (local.get $why) (local.get $len))
    (call $write_runtime (i32.const 2) (i32.const 560) (i32.const 1))
    (unreachable))

  ;; The heap's first arena: 4 MiB of linear memory.
  (func $runtime.schedinit
    (if (i32.eq (memory.grow (i32.const 64)) (i32.const -1))
      (then
        (call $write_runtime (i32.const 2) (i32.const 464) (i32.const 70))
        (call $runtime.throw (i32.const 544) (i32.const 13)))))

  ;; runtime.main: "if nanotime() == 0 { throw("nanotime returning zero") }".
  (func $runtime.main
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 16)) (then (unreachable)))
    (if (i64.eqz (i64.load (i32.const 16)))
      (then (call $runtime.throw (i32.const 432) (i32.const 23)))))

  (func (export "_initialize")
    (local $fd i32)
    (call $runtime.schedinit)
    (call $runtime.main)
    ;; walltime(): the realtime clock must work too.
    (if (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 16)) (then (unreachable)))
    ;; Seed for maps and the scheduler.
    (if (call $random_get (i32.const 32) (i32.const 16)) (then (unreachable)))
    ;; os.Stdout: the result is only used to pick a file kind.
    (drop (call $fd_fdstat_get (i32.const 1) (i32.const 48)))
    ;; Preopened directories: ask fd 3, 4, ... until the host answers BADF (8).
    (local.set $fd (i32.const 3))
    (block $no_more
      (loop $next
        (br_if $no_more (call $fd_prestat_get (local.get $fd) (i32.const 72)))   ;; 0 = there is one
        ;; prestat = { u8 tag; u32 name_len @+4 }: fetch at most 64 bytes of the name
        (drop (call $fd_prestat_dir_name (local.get $fd) (i32.const 128)
          (select (i32.load (i32.const 76)) (i32.const 64)
                  (i32.lt_u (i32.load (i32.const 76)) (i32.const 64)))))
        (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $fd) (i32.const 64)))))
    ;; The scheduler sleeps with poll_oneoff: one clock subscription with a zero timeout.
    ;; subscription (48 bytes at 512): userdata u64 @0, tag u8 @8 (0 = clock),
    ;; clock id u32 @16, timeout u64 @24, precision u64 @32, flags u16 @40.
    (i64.store (i32.const 512) (i64.const 1))
    (i32.store8 (i32.const 520) (i32.const 0))
    (i32.store (i32.const 528) (i32.const 1))
    (i64.store (i32.const 536) (i64.const 0))
    (i64.store (i32.const 544) (i64.const 1000))
    (i32.store16 (i32.const 552) (i32.const 0))
    (if (call $poll_oneoff (i32.const 512) (i32.const 576) (i32.const 1) (i32.const 24))
      (then (unreachable)))
    ;; Environment and arguments: sizes first (count @24, bytes @28).
    (drop (call $environ_sizes_get (i32.const 24) (i32.const 28)))
    (if (i32.and (i32.gt_u (i32.load (i32.const 24)) (i32.const 0))
                 (i32.and (i32.le_u (i32.load (i32.const 24)) (i32.const 64))
                          (i32.le_u (i32.load (i32.const 28)) (i32.const 4096))))
      (then (drop (call $environ_get (i32.const 1024) (i32.const 2048)))))
    (drop (call $args_sizes_get (i32.const 24) (i32.const 28)))
    (if (i32.and (i32.gt_u (i32.load (i32.const 24)) (i32.const 0))
                 (i32.and (i32.le_u (i32.load (i32.const 24)) (i32.const 64))
                          (i32.le_u (i32.load (i32.const 28)) (i32.const 4096))))
      (then (drop (call $args_get (i32.const 1024) (i32.const 2048))))))

  ;; ---- allocator: the Go SDK exports proxy_on_memory_allocate only ----
  (func (export "proxy_on_memory_allocate") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $have i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap_top) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.lt_u (local.get $end) (local.get $ptr)) (then (return (i32.const 0))))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have))
                                                     (i32.const 65535))
                                            (i32.const 16)))
                    (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap_top (local.get $end))
    (local.get $ptr))

  ;; Writes (ptr, len) to a file descriptor through one iovec at 16 (written count at 8).
  (func $write_runtime (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write_runtime (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 8))))

  (func $write_syscall (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write_syscall (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 8))))

  ;; ---- root context callbacks ----
  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32))

  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (drop (call $proxy_log (i32.const 2) (i32.const 256) (i32.const 19)))
    (call $write_runtime (i32.const 1) (i32.const 288) (i32.const 18))
    (i32.const 1))

  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (i32.const 1))

  (func (export "proxy_on_tick") (param $root_id i32)
    (drop (call $proxy_set_effective_context (local.get $root_id)))
    (drop (call $proxy_log (i32.const 2) (i32.const 352) (i32.const 15)))
    (call $write_syscall (i32.const 2) (i32.const 384) (i32.const 26)))

  (func (export "proxy_on_queue_ready") (param $root_id i32) (param $queue_id i32))

  (func (export "proxy_on_http_call_response")
        (param $root_id i32) (param $token i32) (param $headers i32) (param $body i32) (param $trailers i32))

  (func (export "proxy_on_done") (param $context_id i32) (result i32) (i32.const 1))
  (func (export "proxy_on_log") (param $context_id i32))
  (func (export "proxy_on_delete") (param $context_id i32))

  ;; ---- TCP ----
  (func (export "proxy_on_new_connection") (param $context_id i32) (result i32) (i32.const 0))
  (func (export "proxy_on_downstream_data")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32) (i32.const 0))
  (func (export "proxy_on_downstream_connection_close") (param $context_id i32) (param $peer i32))
  (func (export "proxy_on_upstream_data")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32) (i32.const 0))
  (func (export "proxy_on_upstream_connection_close") (param $context_id i32) (param $peer i32))

  ;; ---- HTTP ----
  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (param $eos i32) (result i32)
    (drop (call $proxy_log (i32.const 2) (i32.const 320) (i32.const 26)))
    ;; From a stream context the tick applies to its root context (Envoy redirects it).
    (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000)))
    (i32.const 0))
  (func (export "proxy_on_request_body")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32) (i32.const 0))
  (func (export "proxy_on_request_trailers")
        (param $context_id i32) (param $num_trailers i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_headers")
        (param $context_id i32) (param $num_headers i32) (param $eos i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_body")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32) (i32.const 0))
  (func (export "proxy_on_response_trailers")
        (param $context_id i32) (param $num_trailers i32) (result i32) (i32.const 0))
)
