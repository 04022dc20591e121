;; clocks.wat (test module, ABI 0.2.1): reports every clock a guest can read, so a test can check
;; that they agree with each other and with the scenario clock.
;;
;; Plugin configuration: none.
;;   proxy_on_vm_start  logs one line:
;;     "clocks: start realtime=R monotonic=M proxy=P res=A/B bad_ptr=E cputime=C"
;;     R, M: WASI clock_time_get of clock 0 (realtime) and 1 (monotonic), in ns;
;;     P: proxy_get_current_time_nanoseconds; A, B: clock_res_get of clocks 0 and 1;
;;     E: the errno of clock_time_get with a result pointer past the end of memory (EFAULT = 21);
;;     C: the errno of clock_time_get for clock 2, the process CPU clock (ENOTSUP = 58).
;;   proxy_on_configure arms a 1000 ms tick.
;;   proxy_on_tick      logs "clocks: tick realtime=R monotonic=M proxy=P".
;;
;; Memory map: 16/24 u64 results, 256.. strings, 1024.. log line builder, 4096.. heap (arena).
(module
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_res_get"
    (func $clock_res_get (param i32 i32) (result i32)))
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_current_time_nanoseconds"
    (func $proxy_get_current_time_nanoseconds (param i32) (result i32)))
  (import "env" "proxy_set_tick_period_milliseconds"
    (func $proxy_set_tick_period_milliseconds (param i32) (result i32)))

  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  ;; End of the line being built at 1024.
  (global $at (mut i32) (i32.const 1024))

  (data (i32.const 256) "clocks: start")     ;; 13
  (data (i32.const 272) "clocks: tick")      ;; 12
  (data (i32.const 288) " realtime=")        ;; 10
  (data (i32.const 304) " monotonic=")       ;; 11
  (data (i32.const 320) " proxy=")           ;; 7
  (data (i32.const 336) " res=")             ;; 5
  (data (i32.const 344) "/")                 ;; 1
  (data (i32.const 352) " bad_ptr=")         ;; 9
  (data (i32.const 368) " cputime=")         ;; 9

  (func (export "proxy_abi_version_0_2_1"))

  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))

  ;; ---- building a log line ----
  (func $text (param $ptr i32) (param $len i32)
    (memory.copy (global.get $at) (local.get $ptr) (local.get $len))
    (global.set $at (i32.add (global.get $at) (local.get $len))))

  ;; Appends the unsigned decimal digits of $v.
  (func $u64 (param $v i64)
    (local $digits i32) (local $i i32)
    ;; Write the digits backwards into 200..219, then copy them in order.
    (local.set $i (i32.const 220))
    (loop $next
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (i32.store8 (local.get $i)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $next (i64.ne (local.get $v) (i64.const 0))))
    (call $text (local.get $i) (i32.sub (i32.const 220) (local.get $i))))

  (func $flush
    (drop (call $proxy_log (i32.const 2) (i32.const 1024)
      (i32.sub (global.get $at) (i32.const 1024))))
    (global.set $at (i32.const 1024)))

  ;; " realtime=R monotonic=M proxy=P"
  (func $times
    (if (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 16)) (then (unreachable)))
    (call $text (i32.const 288) (i32.const 10))
    (call $u64 (i64.load (i32.const 16)))
    (if (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 16)) (then (unreachable)))
    (call $text (i32.const 304) (i32.const 11))
    (call $u64 (i64.load (i32.const 16)))
    (if (call $proxy_get_current_time_nanoseconds (i32.const 16)) (then (unreachable)))
    (call $text (i32.const 320) (i32.const 7))
    (call $u64 (i64.load (i32.const 16))))

  ;; ---- callbacks ----
  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32))

  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (call $text (i32.const 256) (i32.const 13))
    (call $times)
    (call $text (i32.const 336) (i32.const 5))
    (if (call $clock_res_get (i32.const 0) (i32.const 24)) (then (unreachable)))
    (call $u64 (i64.load (i32.const 24)))
    (call $text (i32.const 344) (i32.const 1))
    (if (call $clock_res_get (i32.const 1) (i32.const 24)) (then (unreachable)))
    (call $u64 (i64.load (i32.const 24)))
    (call $text (i32.const 352) (i32.const 9))
    (call $u64 (i64.extend_i32_u
      (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 65532))))
    (call $text (i32.const 368) (i32.const 9))
    (call $u64 (i64.extend_i32_u
      (call $clock_time_get (i32.const 2) (i64.const 1) (i32.const 16))))
    (call $flush)
    (i32.const 1))

  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000)))
    (i32.const 1))

  (func (export "proxy_on_tick") (param $root_id i32)
    (call $text (i32.const 272) (i32.const 12))
    (call $times)
    (call $flush))

  (func (export "proxy_on_done") (param $context_id i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param $context_id i32))
)
