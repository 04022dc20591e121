;; env_helpers.wat (test module, ABI 0.2.0): imports the env helpers Envoy's host supplies besides
;; the proxy_* ABI, as emscripten-built C++ modules of the Istio 1.5 era do: pthread_equal and
;; emscripten_notify_memory_growth (proxy-wasm-cpp-host), and Envoy's own envoy_resolve_dns.
;;
;; Plugin configuration: none.
;;   proxy_on_vm_start logs "env_helpers: pthread_equal=A/B resolve_dns=S", where A is
;;   pthread_equal(7, 7), B is pthread_equal(7, 8), S the status of
;;   envoy_resolve_dns("example.com") (12 Unimplemented in the playground), after
;;   emscripten_notify_memory_growth(0).
;;
;; Memory map: 16 return slot, 256.. strings, 4096.. heap (arena).
(module
  (import "env" "pthread_equal" (func $pthread_equal (param i32 i32) (result i32)))
  (import "env" "emscripten_notify_memory_growth"
    (func $emscripten_notify_memory_growth (param i32)))
  (import "env" "envoy_resolve_dns" (func $envoy_resolve_dns (param i32 i32 i32) (result i32)))
  (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))

  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))

  (data (i32.const 256) "env_helpers: pthread_equal=?/? resolve_dns=??") ;; 45; digits at 283, 285, 299
  (data (i32.const 320) "example.com")                                  ;; 11

  (func (export "proxy_abi_version_0_2_0"))

  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))

  (func (export "proxy_on_context_create") (param $context_id i32) (param $parent_id i32))

  (func (export "proxy_on_vm_start") (param $root_id i32) (param $vm_config_size i32) (result i32)
    (local $status i32)
    (call $emscripten_notify_memory_growth (i32.const 0))
    (i32.store8 (i32.const 283)
      (i32.add (i32.const 48) (call $pthread_equal (i32.const 7) (i32.const 7))))
    (i32.store8 (i32.const 285)
      (i32.add (i32.const 48) (call $pthread_equal (i32.const 7) (i32.const 8))))
    (local.set $status (call $envoy_resolve_dns (i32.const 320) (i32.const 11) (i32.const 16)))
    (i32.store8 (i32.const 299) (i32.add (i32.const 48) (i32.div_u (local.get $status) (i32.const 10))))
    (i32.store8 (i32.const 300) (i32.add (i32.const 48) (i32.rem_u (local.get $status) (i32.const 10))))
    (drop (call $proxy_log (i32.const 2) (i32.const 256) (i32.const 45)))
    (i32.const 1))

  (func (export "proxy_on_done") (param $context_id i32) (result i32) (i32.const 1))
  (func (export "proxy_on_delete") (param $context_id i32))
)
