/*
 * proxy_wasm.h: minimal C declarations of the Proxy-Wasm ABI 0.2.1 for the Filter Playground
 * samples (clang-14 --target=wasm32-wasi -mexec-model=reactor).
 *
 * - Host functions are imported from module "env" and return a status (proxy_status_t).
 * - Outputs are written through return_* pointers. For data the host first calls the module's
 *   allocator export (proxy_on_memory_allocate, see PROXY_WASM_DEFINE_ALLOCATOR), copies the
 *   bytes, then writes the address and length (u32, little-endian) at return_*_data/_size.
 *   An empty value comes back as (NULL, 0); the caller frees non-NULL data with free().
 * - Callbacks are exported with PROXY_EXPORT("proxy_on_...").
 * Only what the C samples use is declared; add more from the Proxy-Wasm ABI specification as
 * needed (testdata/hostcall_probe.c imports every hostcall itself, with i32 parameters).
 */
#ifndef PROXY_WASM_H
#define PROXY_WASM_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define PROXY_IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define PROXY_EXPORT(name) __attribute__((export_name(name)))

/* proxy_status_t */
typedef uint32_t proxy_status_t;
enum {
  PROXY_OK = 0,
  PROXY_NOT_FOUND = 1,
  PROXY_BAD_ARGUMENT = 2,
  PROXY_SERIALIZATION_FAILURE = 3,
  PROXY_PARSE_FAILURE = 4,
  PROXY_INVALID_MEMORY_ACCESS = 6,
  PROXY_EMPTY = 7,
  PROXY_CAS_MISMATCH = 8,
  PROXY_INTERNAL_FAILURE = 10,
  PROXY_UNIMPLEMENTED = 12,
};

/* proxy_log_level_t */
enum { LOG_TRACE = 0, LOG_DEBUG = 1, LOG_INFO = 2, LOG_WARN = 3, LOG_ERROR = 4, LOG_CRITICAL = 5 };

/* proxy_action_t: returned by stream callbacks. On a body, PAUSE = stop and buffer. */
enum { ACTION_CONTINUE = 0, ACTION_PAUSE = 1 };

/* proxy_buffer_type_t */
enum {
  BUFFER_HTTP_REQUEST_BODY = 0,
  BUFFER_HTTP_RESPONSE_BODY = 1,
  BUFFER_DOWNSTREAM_DATA = 2,
  BUFFER_UPSTREAM_DATA = 3,
  BUFFER_HTTP_CALL_RESPONSE_BODY = 4,
  BUFFER_GRPC_CALL_MESSAGE = 5,
  BUFFER_VM_CONFIGURATION = 6,
  BUFFER_PLUGIN_CONFIGURATION = 7,
  BUFFER_FOREIGN_FUNCTION_ARGUMENTS = 8,
};

/* proxy_map_type_t */
enum {
  MAP_HTTP_REQUEST_HEADERS = 0,
  MAP_HTTP_REQUEST_TRAILERS = 1,
  MAP_HTTP_RESPONSE_HEADERS = 2,
  MAP_HTTP_RESPONSE_TRAILERS = 3,
  MAP_HTTP_CALL_RESPONSE_HEADERS = 6,
  MAP_HTTP_CALL_RESPONSE_TRAILERS = 7,
};

PROXY_IMPORT("proxy_log")
proxy_status_t proxy_log(uint32_t level, const char *message, size_t message_size);

PROXY_IMPORT("proxy_get_buffer_bytes")
proxy_status_t proxy_get_buffer_bytes(uint32_t buffer_type, size_t start, size_t max_size,
                                      char **return_data, size_t *return_size);

/* Replaces `size` bytes at `start`. Envoy accepts prepend (0,0), append (len,0) and
 * replace-all (0,len) only. */
PROXY_IMPORT("proxy_set_buffer_bytes")
proxy_status_t proxy_set_buffer_bytes(uint32_t buffer_type, size_t start, size_t size,
                                      const char *data, size_t data_size);

PROXY_IMPORT("proxy_get_header_map_value")
proxy_status_t proxy_get_header_map_value(uint32_t map_type, const char *key, size_t key_size,
                                          char **return_value, size_t *return_value_size);

PROXY_IMPORT("proxy_add_header_map_value")
proxy_status_t proxy_add_header_map_value(uint32_t map_type, const char *key, size_t key_size,
                                          const char *value, size_t value_size);

PROXY_IMPORT("proxy_replace_header_map_value")
proxy_status_t proxy_replace_header_map_value(uint32_t map_type, const char *key, size_t key_size,
                                              const char *value, size_t value_size);

PROXY_IMPORT("proxy_remove_header_map_value")
proxy_status_t proxy_remove_header_map_value(uint32_t map_type, const char *key, size_t key_size);

/* The ABI marker and the allocator every module must export. The host calls the allocator to
 * place returned data in our memory; we release it with free(). */
#define PROXY_WASM_DEFINE_ALLOCATOR                                                           \
  PROXY_EXPORT("proxy_abi_version_0_2_1") void proxy_abi_version_0_2_1(void) {}               \
  PROXY_EXPORT("proxy_on_memory_allocate") void *proxy_on_memory_allocate(size_t size) {     \
    return malloc(size);                                                                      \
  }

#endif /* PROXY_WASM_H */
