;; set_buffer.wat (test module, ABI 0.2.1): one proxy_set_buffer_bytes call, chosen by the plugin
;; configuration, so a test can check every (buffer, start, size) shape against Envoy.
;;
;; Plugin configuration: "<where> <buffer> <start> <size> <value>" (single spaces; the value is
;; the rest of the text and may be empty), e.g. "request_body 0 0 5 HOWDY".
;;   where   request_headers | request_body | response_body | configure | grpc_receive
;;           (grpc_receive: the request pauses while a unary gRPC call to cluster "ratelimit"
;;           runs; the call is made on its reply message, buffer 5, in proxy_on_grpc_receive,
;;           which then resumes the request: in Envoy a successful call gets no
;;           proxy_on_grpc_close; a failed one gets only that, and it resumes too)
;;   buffer  the buffer type (0 request body, 1 response body, 6 VM configuration, 7 plugin
;;           configuration, ...)
;;   start, size  decimal u32 ("4294967295" is the spec's SIZE_MAX append)
;; The bodies are buffered (proxy_on_*_body answers StopIterationAndBuffer until end_of_stream),
;; so the call sees the whole body. In <where> the module calls
;;   proxy_set_buffer_bytes(buffer, start, size, value)
;; and logs "set_buffer: status=S", followed by " buffer=<its bytes now>" when S is 0 (read back
;; with proxy_get_buffer_bytes). Every other callback passes the stream on.
;;
;; Memory map: 16/20 return slots, 64..83 digit scratch, 256.. strings, 1024.. log line,
;; 2048..3071 configuration, 8192.. heap (arena).
(module
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes"
    (func $proxy_get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_buffer_bytes"
    (func $proxy_set_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_grpc_call" (func $proxy_grpc_call
    (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_effective_context"
    (func $proxy_set_effective_context (param i32) (result i32)))
  (import "env" "proxy_continue_stream" (func $proxy_continue_stream (param i32) (result i32)))

  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 8192))
  (global $at (mut i32) (i32.const 1024))
  ;; The parsed configuration: where (1 request_headers, 2 request_body, 3 response_body,
  ;; 4 configure, 5 grpc_receive), buffer, start, size, value (pointer, length).
  (global $where (mut i32) (i32.const 0))
  (global $buffer (mut i32) (i32.const 0))
  (global $start (mut i32) (i32.const 0))
  (global $size (mut i32) (i32.const 0))
  (global $value (mut i32) (i32.const 0))
  (global $value_len (mut i32) (i32.const 0))
  ;; Parser position and end.
  (global $p (mut i32) (i32.const 0))
  (global $end (mut i32) (i32.const 0))
  ;; The stream paused for the gRPC call.
  (global $stream (mut i32) (i32.const 0))

  (data (i32.const 256) "request_headers")   ;; 15
  (data (i32.const 272) "request_body")      ;; 12
  (data (i32.const 288) "response_body")     ;; 13
  (data (i32.const 304) "configure")         ;; 9
  (data (i32.const 320) "set_buffer: status=") ;; 19
  (data (i32.const 344) " buffer=")          ;; 8
  (data (i32.const 352) "grpc_receive")      ;; 12
  (data (i32.const 368) "ratelimit")         ;; 9
  (data (i32.const 384) "envoy.service.ratelimit.v3.RateLimitService") ;; 43
  (data (i32.const 432) "ShouldRateLimit")   ;; 15

  (func (export "proxy_abi_version_0_2_1"))

  (func (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $ptr))

  ;; ---- parsing the configuration ----
  ;; The next word (up to a space or the end): returns its pointer, leaves its length at 16.
  (func $word (result i32)
    (local $w i32)
    (local.set $w (global.get $p))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (global.get $p) (global.get $end)))
        (br_if $done (i32.eq (i32.load8_u (global.get $p)) (i32.const 32)))
        (global.set $p (i32.add (global.get $p) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 16) (i32.sub (global.get $p) (local.get $w)))
    ;; Skip the one space after it.
    (if (i32.lt_u (global.get $p) (global.get $end))
      (then (global.set $p (i32.add (global.get $p) (i32.const 1)))))
    (local.get $w))

  (func $number (result i32)
    (local $w i32) (local $n i32) (local $i i32)
    (local.set $w (call $word))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.load (i32.const 16))))
        (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 10))
          (i32.sub (i32.load8_u (i32.add (local.get $w) (local.get $i))) (i32.const 48))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Whether the word at $w (length at 16) is the text ($s, $len).
  (func $is (param $w i32) (param $s i32) (param $len i32) (result i32)
    (local $i i32)
    (if (i32.ne (i32.load (i32.const 16)) (local.get $len)) (then (return (i32.const 0))))
    (block $differ
      (loop $next
        (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $w) (local.get $i)))
                               (i32.load8_u (i32.add (local.get $s) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func $parse (param $len i32)
    (local $w i32)
    (global.set $p (i32.const 2048))
    (global.set $end (i32.add (i32.const 2048) (local.get $len)))
    (local.set $w (call $word))
    (if (call $is (local.get $w) (i32.const 256) (i32.const 15)) (then (global.set $where (i32.const 1))))
    (if (call $is (local.get $w) (i32.const 272) (i32.const 12)) (then (global.set $where (i32.const 2))))
    (if (call $is (local.get $w) (i32.const 288) (i32.const 13)) (then (global.set $where (i32.const 3))))
    (if (call $is (local.get $w) (i32.const 304) (i32.const 9)) (then (global.set $where (i32.const 4))))
    (if (call $is (local.get $w) (i32.const 352) (i32.const 12)) (then (global.set $where (i32.const 5))))
    (global.set $buffer (call $number))
    (global.set $start (call $number))
    (global.set $size (call $number))
    (global.set $value (global.get $p))
    (global.set $value_len (i32.sub (global.get $end) (global.get $p))))

  ;; ---- the call under test ----
  (func $text (param $ptr i32) (param $len i32)
    (memory.copy (global.get $at) (local.get $ptr) (local.get $len))
    (global.set $at (i32.add (global.get $at) (local.get $len))))

  (func $set_and_log
    (local $status i32) (local $i i32)
    (local.set $status (call $proxy_set_buffer_bytes (global.get $buffer) (global.get $start)
      (global.get $size) (global.get $value) (global.get $value_len)))
    (global.set $at (i32.const 1024))
    (call $text (i32.const 320) (i32.const 19))
    ;; Status: at most two digits.
    (if (i32.ge_u (local.get $status) (i32.const 10))
      (then
        (i32.store8 (global.get $at) (i32.add (i32.const 48) (i32.div_u (local.get $status) (i32.const 10))))
        (global.set $at (i32.add (global.get $at) (i32.const 1)))))
    (i32.store8 (global.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $status) (i32.const 10))))
    (global.set $at (i32.add (global.get $at) (i32.const 1)))
    (if (i32.eqz (local.get $status))
      (then
        (call $text (i32.const 344) (i32.const 8))
        (drop (call $proxy_get_buffer_bytes (global.get $buffer) (i32.const 0) (i32.const 900)
          (i32.const 16) (i32.const 20)))
        (call $text (i32.load (i32.const 16)) (i32.load (i32.const 20)))))
    (drop (call $proxy_log (i32.const 2) (i32.const 1024) (i32.sub (global.get $at) (i32.const 1024)))))

  ;; ---- callbacks ----
  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32))

  (func (export "proxy_on_configure") (param $root_id i32) (param $config_size i32) (result i32)
    (if (i32.gt_u (local.get $config_size) (i32.const 1024)) (then (return (i32.const 0))))
    (drop (call $proxy_get_buffer_bytes (i32.const 7) (i32.const 0) (local.get $config_size)
      (i32.const 16) (i32.const 20)))
    (memory.copy (i32.const 2048) (i32.load (i32.const 16)) (i32.load (i32.const 20)))
    (call $parse (i32.load (i32.const 20)))
    (if (i32.eq (global.get $where) (i32.const 4)) (then (call $set_and_log)))
    (i32.const 1))

  (func (export "proxy_on_request_headers")
        (param $context_id i32) (param $num_headers i32) (param $eos i32) (result i32)
    (if (i32.eq (global.get $where) (i32.const 1)) (then (call $set_and_log)))
    (if (i32.eq (global.get $where) (i32.const 5))
      (then
        (global.set $stream (local.get $context_id))
        (if (call $proxy_grpc_call (i32.const 368) (i32.const 9) (i32.const 384) (i32.const 43)
              (i32.const 432) (i32.const 15) (i32.const 0) (i32.const 0) (i32.const 256)
              (i32.const 3) (i32.const 1000) (i32.const 24))
          (then (unreachable)))
        (return (i32.const 1))))
    (i32.const 0))

  (func (export "proxy_on_grpc_receive") (param $root_id i32) (param $token i32) (param $size i32)
    (call $set_and_log)
    (drop (call $proxy_set_effective_context (global.get $stream)))
    (drop (call $proxy_continue_stream (i32.const 0))))

  (func (export "proxy_on_grpc_close") (param $root_id i32) (param $token i32) (param $status i32)
    (drop (call $proxy_set_effective_context (global.get $stream)))
    (drop (call $proxy_continue_stream (i32.const 0))))

  (func (export "proxy_on_request_body")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32)
    (if (i32.eqz (local.get $eos)) (then (return (i32.const 1))))
    (if (i32.eq (global.get $where) (i32.const 2)) (then (call $set_and_log)))
    (i32.const 0))

  (func (export "proxy_on_response_body")
        (param $context_id i32) (param $size i32) (param $eos i32) (result i32)
    (if (i32.eqz (local.get $eos)) (then (return (i32.const 1))))
    (if (i32.eq (global.get $where) (i32.const 3)) (then (call $set_and_log)))
    (i32.const 0))

  (func (export "proxy_on_done") (param $context_id i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param $context_id i32))
)
