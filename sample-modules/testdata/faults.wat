;; faults.wat (test module, ABI 0.2.1): a pass-through HTTP filter that misbehaves on request.
;;
;; Plugin configuration: plain text "<fault>@<callback>" (empty = no fault).
;;   callback: request_headers | request_body | response_headers | vm_start | configure | tick
;;   fault:
;;     trap        execute `unreachable`
;;     loop        loop forever (the host must interrupt it)
;;     grow        memory.grow by 256 pages (16 MiB) until it fails, log the size, then trap
;;     badptr      call proxy_get_header_map_value with an out-of-bounds key pointer, then with
;;                 out-of-bounds return pointers, and proxy_log with an out-of-bounds message;
;;                 log the three statuses ("faults: badptr statuses key=K return=R log=L"), go on
;;     badmap      proxy_set_header_map_pairs with a truncated serialized map (count 3, one pair);
;;                 log the status ("faults: badmap status=S"), go on. (Envoy/cpp-host parse a
;;                 malformed map as an *empty* map and so clear the headers.)
;;     recurse     call itself without end, until the host's stack runs out (a trap)
;;     none        nothing
;;     trap-after:N  (with @request_headers only) trap on the N-th request of this VM
;;   With @tick, proxy_on_configure arms a 1000 ms tick.
;; Every callback logs "faults: <callback name>" at INFO; header callbacks return Continue.
;;
;; vm_start runs before configure, so proxy_on_vm_start looks for the spec in the plugin
;; configuration (buffer 7: Envoy lets the root context read it there) and, failing that, in the
;; VM configuration (buffer 6). proxy_on_configure then reads buffer 7 again; a non-empty plugin
;; configuration wins. An unparsable configuration makes proxy_on_configure return 0.
;;
;; Memory map: 64/68 return slots, 100..111 digit scratch, 256..1287 strings,
;; 2048..3071 copy of the configuration, 3072..4095 log message builder, 4096.. heap (arena).
(module
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes"
    (func $proxy_get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_get_header_map_value"
    (func $proxy_get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_header_map_pairs"
    (func $proxy_set_header_map_pairs (param i32 i32 i32) (result i32)))
  (import "env" "proxy_set_tick_period_milliseconds"
    (func $proxy_set_tick_period_milliseconds (param i32) (result i32)))

  (memory (export "memory") 1)

  (global $RET_PTR i32 (i32.const 64))
  (global $RET_LEN i32 (i32.const 68))
  (global $CONFIG i32 (i32.const 2048))      ;; up to 1024 bytes
  (global $OUT i32 (i32.const 3072))         ;; up to 1024 bytes
  (global $HEAP_BASE i32 (i32.const 4096))
  (global $heap_top (mut i32) (i32.const 4096))
  (global $out_len (mut i32) (i32.const 0))

  ;; Parsed configuration. Faults: 0 none, 1 trap, 2 loop, 3 grow, 4 badptr, 5 badmap,
  ;; 6 trap-after, 7 recurse. Callbacks: 1 request_headers, 2 request_body, 3 response_headers,
  ;; 4 vm_start, 5 configure, 6 tick.
  (global $fault (mut i32) (i32.const 0))
  (global $target (mut i32) (i32.const 0))
  (global $after_n (mut i32) (i32.const 0))
  (global $config_len (mut i32) (i32.const 0))    ;; bytes stored at CONFIG
  (global $fault_len (mut i32) (i32.const 0))     ;; fault name = CONFIG[0 .. fault_len)
  (global $requests (mut i32) (i32.const 0))      ;; request_headers calls in this VM

  (data (i32.const 256) "faults: ")                 ;; 8
  (data (i32.const 288) "context_create")           ;; 14
  (data (i32.const 320) "vm_start")                 ;; 8
  (data (i32.const 352) "configure")                ;; 9
  (data (i32.const 384) "request_headers")          ;; 15
  (data (i32.const 416) "request_body")             ;; 12
  (data (i32.const 448) "response_headers")         ;; 16
  (data (i32.const 480) "response_body")            ;; 13
  (data (i32.const 512) "tick")                     ;; 4
  (data (i32.const 544) "log")                      ;; 3
  (data (i32.const 576) "done")                     ;; 4
  (data (i32.const 608) "delete")                   ;; 6
  (data (i32.const 640) "trap")                     ;; 4
  (data (i32.const 672) "loop")                     ;; 4
  (data (i32.const 704) "grow")                     ;; 4
  (data (i32.const 736) "badptr")                   ;; 6
  (data (i32.const 768) "badmap")                   ;; 6
  (data (i32.const 800) "none")                     ;; 4
  (data (i32.const 832) "trap-after:")              ;; 11
  (data (i32.const 864) ":path")                    ;; 5
  (data (i32.const 896) ":status")                  ;; 7
  (data (i32.const 928) "injecting ")               ;; 10
  (data (i32.const 960) " at ")                     ;; 4
  (data (i32.const 992) "badptr statuses key=")     ;; 20
  (data (i32.const 1024) " return=")                ;; 8
  (data (i32.const 1056) " log=")                   ;; 5
  (data (i32.const 1088) "badmap status=")          ;; 14
  (data (i32.const 1120) "configuration: ")         ;; 15
  (data (i32.const 1152) "bad configuration, want <fault>@<callback>: ")  ;; 44
  ;; A truncated serialized map (20 bytes): says 3 pairs, carries sizes and bytes for one.
  ;; u32 N=3 | u32 key_len=5 | u32 value_len=1 | "x-bad" 0 "1" 0
  (data (i32.const 1216) "\03\00\00\00\05\00\00\00\01\00\00\00x-bad\001\00")  ;; 20
  (data (i32.const 1248) "grow failed at pages=")   ;; 21
  (data (i32.const 1280) "recurse")                 ;; 7

  (func (export "proxy_abi_version_0_2_1"))

  ;; ---- allocator (bump, reset at the start of every callback) ----
  (func $alloc (export "proxy_on_memory_allocate") (param $size i32) (result i32)
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

  (func $reset_heap (global.set $heap_top (global.get $HEAP_BASE)))

  ;; ---- bytes and the log message builder ----
  (func $copy (param $dst i32) (param $src i32) (param $len i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store8 (local.get $dst) (i32.load8_u (local.get $src)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 1)))
        (local.set $src (i32.add (local.get $src) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $next))))

  (func $eq (param $a i32) (param $a_len i32) (param $b i32) (param $b_len i32) (result i32)
    (if (i32.ne (local.get $a_len) (local.get $b_len)) (then (return (i32.const 0))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $a_len)))
        (if (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b)))
          (then (return (i32.const 0))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $a_len (i32.sub (local.get $a_len) (i32.const 1)))
        (br $next)))
    (i32.const 1))

  (func $out_str (param $ptr i32) (param $len i32)
    (if (i32.gt_u (i32.add (global.get $out_len) (local.get $len)) (i32.const 1024))
      (then (local.set $len (i32.sub (i32.const 1024) (global.get $out_len)))))
    (call $copy (i32.add (global.get $OUT) (global.get $out_len)) (local.get $ptr) (local.get $len))
    (global.set $out_len (i32.add (global.get $out_len) (local.get $len))))

  ;; Appends n in decimal (unsigned).
  (func $out_num (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 112))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $out_str (local.get $p) (i32.sub (i32.const 112) (local.get $p))))

  ;; Sends the built message at `level` and empties the builder.
  (func $out_log (param $level i32)
    (drop (call $proxy_log (local.get $level) (global.get $OUT) (global.get $out_len)))
    (global.set $out_len (i32.const 0)))

  ;; "faults: <name>" at INFO.
  (func $log_callback (param $name i32) (param $len i32)
    (call $out_str (i32.const 256) (i32.const 8))
    (call $out_str (local.get $name) (local.get $len))
    (call $out_log (i32.const 2)))

  ;; ---- configuration ----

  ;; Reads a whole buffer into the heap; leaves (ptr, len) in the return slots, (0, 0) if none.
  (func $read_buffer (param $type i32) (param $max i32)
    (i32.store (global.get $RET_PTR) (i32.const 0))
    (i32.store (global.get $RET_LEN) (i32.const 0))
    (if (call $proxy_get_buffer_bytes (local.get $type) (i32.const 0) (local.get $max)
                                      (global.get $RET_PTR) (global.get $RET_LEN))
      (then   ;; not OK: treat as empty
        (i32.store (global.get $RET_PTR) (i32.const 0))
        (i32.store (global.get $RET_LEN) (i32.const 0)))))

  (func $callback_id (param $p i32) (param $n i32) (result i32)
    (if (call $eq (local.get $p) (local.get $n) (i32.const 384) (i32.const 15)) (then (return (i32.const 1))))
    (if (call $eq (local.get $p) (local.get $n) (i32.const 416) (i32.const 12)) (then (return (i32.const 2))))
    (if (call $eq (local.get $p) (local.get $n) (i32.const 448) (i32.const 16)) (then (return (i32.const 3))))
    (if (call $eq (local.get $p) (local.get $n) (i32.const 320) (i32.const 8)) (then (return (i32.const 4))))
    (if (call $eq (local.get $p) (local.get $n) (i32.const 352) (i32.const 9)) (then (return (i32.const 5))))
    (if (call $eq (local.get $p) (local.get $n) (i32.const 512) (i32.const 4)) (then (return (i32.const 6))))
    (i32.const 0))

  ;; Parses "<fault>@<callback>" at (ptr, len), copying it to CONFIG first (it must outlive
  ;; this callback). Returns 1 and updates the globals, or 0 and changes nothing.
  (func $parse_config (param $ptr i32) (param $len i32) (result i32)
    (local $at i32) (local $target i32) (local $fault i32) (local $n i32) (local $i i32)
    (if (i32.gt_u (local.get $len) (i32.const 1024)) (then (return (i32.const 0))))
    (call $copy (global.get $CONFIG) (local.get $ptr) (local.get $len))
    (if (i32.eqz (local.get $len))
      (then (global.set $fault (i32.const 0)) (global.set $target (i32.const 0))
            (return (i32.const 1))))
    ;; find '@'
    (local.set $at (i32.const 0))
    (block $found
      (loop $scan
        (br_if $found (i32.eq (i32.load8_u (i32.add (global.get $CONFIG) (local.get $at)))
                              (i32.const 64)))   ;; '@'
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br_if $scan (i32.lt_u (local.get $at) (local.get $len)))
        (return (i32.const 0))))
    (local.set $target
      (call $callback_id (i32.add (global.get $CONFIG) (i32.add (local.get $at) (i32.const 1)))
                         (i32.sub (local.get $len) (i32.add (local.get $at) (i32.const 1)))))
    (if (i32.eqz (local.get $target)) (then (return (i32.const 0))))
    (local.set $fault (i32.const -1))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 640) (i32.const 4)) (then (local.set $fault (i32.const 1))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 672) (i32.const 4)) (then (local.set $fault (i32.const 2))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 704) (i32.const 4)) (then (local.set $fault (i32.const 3))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 736) (i32.const 6)) (then (local.set $fault (i32.const 4))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 768) (i32.const 6)) (then (local.set $fault (i32.const 5))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 800) (i32.const 4)) (then (local.set $fault (i32.const 0))))
    (if (call $eq (global.get $CONFIG) (local.get $at) (i32.const 1280) (i32.const 7)) (then (local.set $fault (i32.const 7))))
    ;; "trap-after:N": prefix of 11 bytes, then decimal digits; only with request_headers
    (if (i32.and (i32.gt_u (local.get $at) (i32.const 11))
                 (call $eq (global.get $CONFIG) (i32.const 11) (i32.const 832) (i32.const 11)))
      (then
        (local.set $n (i32.const 0))
        (local.set $i (i32.const 11))
        (loop $digits
          (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10))
            (i32.sub (i32.load8_u (i32.add (global.get $CONFIG) (local.get $i))) (i32.const 48))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $digits (i32.lt_u (local.get $i) (local.get $at))))
        (if (i32.and (i32.eq (local.get $target) (i32.const 1)) (i32.gt_s (local.get $n) (i32.const 0)))
          (then (local.set $fault (i32.const 6)) (global.set $after_n (local.get $n))))))
    (if (i32.lt_s (local.get $fault) (i32.const 0)) (then (return (i32.const 0))))
    (global.set $fault (local.get $fault))
    (global.set $target (local.get $target))
    (global.set $fault_len (local.get $at))
    (global.set $config_len (local.get $len))
    (i32.const 1))

  ;; ---- the faults ----

  ;; "faults: injecting <fault> at <callback>" at WARN, just before the fault happens.
  (func $log_injecting
    (call $out_str (i32.const 256) (i32.const 8))
    (call $out_str (i32.const 928) (i32.const 10))
    (call $out_str (global.get $CONFIG) (global.get $fault_len))
    (call $out_str (i32.const 960) (i32.const 4))
    (call $out_str (i32.add (global.get $CONFIG) (i32.add (global.get $fault_len) (i32.const 1)))
                   (i32.sub (global.get $config_len) (i32.add (global.get $fault_len) (i32.const 1))))
    (call $out_log (i32.const 3)))

  ;; Never returns: each call adds a frame (not a tail call) until the stack runs out.
  (func $recurse (param $depth i32) (result i32)
    (i32.add (i32.const 1) (call $recurse (i32.add (local.get $depth) (i32.const 1)))))

  ;; Runs the configured fault if it targets callback `id`. `map` = header map to abuse.
  (func $maybe_fault (param $id i32) (param $map i32)
    (local $s1 i32) (local $s2 i32) (local $s3 i32)
    (if (i32.ne (global.get $target) (local.get $id)) (then (return)))
    (if (i32.or (i32.eqz (global.get $fault)) (i32.eq (global.get $fault) (i32.const 6)))
      (then (return)))
    (call $log_injecting)
    (if (i32.eq (global.get $fault) (i32.const 7))
      (then (drop (call $recurse (i32.const 0))) (return)))

    (block $badmap
      (block $badptr
        (block $grow
          (block $loop
            (block $trap
              (br_table $trap $trap $loop $grow $badptr $badmap (global.get $fault)))
            ;; trap
            (unreachable))
          ;; loop: never returns; the host has to stop the VM
          (loop $forever (br $forever))
          (unreachable))
        ;; grow: 16 MiB at a time until memory.grow answers -1, then trap
        (block $full
          (loop $more
            (br_if $full (i32.eq (memory.grow (i32.const 256)) (i32.const -1)))
            (br $more)))
        (call $out_str (i32.const 256) (i32.const 8))
        (call $out_str (i32.const 1248) (i32.const 21))
        (call $out_num (memory.size))
        (call $out_log (i32.const 4))
        (unreachable))
      ;; badptr: each call must fail cleanly with INVALID_MEMORY_ACCESS (6), not crash the host
      (local.set $s1 (call $proxy_get_header_map_value (local.get $map)
        (i32.const 0xFFFFFFF0) (i32.const 64)                ;; key outside memory
        (global.get $RET_PTR) (global.get $RET_LEN)))
      (local.set $s2 (call $proxy_get_header_map_value (local.get $map)
        (select (i32.const 896) (i32.const 864) (i32.eq (local.get $map) (i32.const 2)))
        (select (i32.const 7) (i32.const 5) (i32.eq (local.get $map) (i32.const 2)))
        (i32.const 0xFFFFFFFC) (i32.const 0xFFFFFFF8)))       ;; return slots outside memory
      (local.set $s3 (call $proxy_log (i32.const 2)
        (i32.const 0xFFFFFF00) (i32.const 4096)))             ;; message outside memory
      (call $out_str (i32.const 256) (i32.const 8))
      (call $out_str (i32.const 992) (i32.const 20))
      (call $out_num (local.get $s1))
      (call $out_str (i32.const 1024) (i32.const 8))
      (call $out_num (local.get $s2))
      (call $out_str (i32.const 1056) (i32.const 5))
      (call $out_num (local.get $s3))
      (call $out_log (i32.const 3))
      (return))
    ;; badmap: a truncated serialized map
    (local.set $s1 (call $proxy_set_header_map_pairs (local.get $map) (i32.const 1216) (i32.const 20)))
    (call $out_str (i32.const 256) (i32.const 8))
    (call $out_str (i32.const 1088) (i32.const 14))
    (call $out_num (local.get $s1))
    (call $out_log (i32.const 3)))

  ;; ---- callbacks ----

  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32)
    (call $reset_heap)
    (call $log_callback (i32.const 288) (i32.const 14)))

  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 320) (i32.const 8))
    (call $read_buffer (i32.const 7) (i32.const 4096))        ;; plugin configuration, if readable
    (if (i32.eqz (i32.load (global.get $RET_LEN)))
      (then (call $read_buffer (i32.const 6) (local.get $vm_config_size))))   ;; VM configuration
    (drop (call $parse_config (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN))))
    (call $maybe_fault (i32.const 4) (i32.const 0))
    (i32.const 1))

  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 352) (i32.const 9))
    (if (local.get $config_size)
      (then
        (call $read_buffer (i32.const 7) (local.get $config_size))
        (call $out_str (i32.const 256) (i32.const 8))
        (call $out_str (i32.const 1120) (i32.const 15))
        (call $out_str (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN)))
        (call $out_log (i32.const 2))
        (if (i32.eqz (call $parse_config (i32.load (global.get $RET_PTR))
                                         (i32.load (global.get $RET_LEN))))
          (then
            (call $out_str (i32.const 256) (i32.const 8))
            (call $out_str (i32.const 1152) (i32.const 44))
            (call $out_str (i32.load (global.get $RET_PTR)) (i32.load (global.get $RET_LEN)))
            (call $out_log (i32.const 4))
            (return (i32.const 0))))))
    (if (i32.eq (global.get $target) (i32.const 6))
      (then (drop (call $proxy_set_tick_period_milliseconds (i32.const 1000)))))
    (call $maybe_fault (i32.const 5) (i32.const 0))
    (i32.const 1))

  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 384) (i32.const 15))
    (global.set $requests (i32.add (global.get $requests) (i32.const 1)))
    (if (i32.and (i32.eq (global.get $fault) (i32.const 6))
                 (i32.eq (global.get $requests) (global.get $after_n)))
      (then
        (call $log_injecting)
        (unreachable)))
    (call $maybe_fault (i32.const 1) (i32.const 0))
    (i32.const 0))

  (func (export "proxy_on_request_body")
        (param $context_id i32) (param $body_size i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 416) (i32.const 12))
    (call $maybe_fault (i32.const 2) (i32.const 0))
    (i32.const 0))

  (func (export "proxy_on_response_headers")
        (param $context_id i32) (param $num_headers i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 448) (i32.const 16))
    (call $maybe_fault (i32.const 3) (i32.const 2))
    (i32.const 0))

  (func (export "proxy_on_response_body")
        (param $context_id i32) (param $body_size i32) (param $end_of_stream i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 480) (i32.const 13))
    (i32.const 0))

  (func (export "proxy_on_tick") (param $root_id i32)
    (call $reset_heap)
    (call $log_callback (i32.const 512) (i32.const 4))
    (call $maybe_fault (i32.const 6) (i32.const 0)))

  (func (export "proxy_on_log") (param $context_id i32)
    (call $reset_heap)
    (call $log_callback (i32.const 544) (i32.const 3)))

  (func (export "proxy_on_done") (param $context_id i32) (result i32)
    (call $reset_heap)
    (call $log_callback (i32.const 576) (i32.const 4))
    (i32.const 1))

  (func (export "proxy_on_delete") (param $context_id i32)
    (call $reset_heap)
    (call $log_callback (i32.const 608) (i32.const 6)))
)
