// add-header: adds configured headers to requests and responses.
// AssemblyScript 0.14.13 with the published SDK @solo-io/proxy-runtime 0.1.8.
//
// Plugin configuration (JSON), either form:
//
//   {"request": {"x-a": "1"}, "response": {"x-b": "2"}}   flat string maps, both optional
//   {"header": "x-a", "value": "1"}                        short form: request AND response
//
// Each added header is logged at INFO ("add-header: request x-a: 1").
//
// Root id: the SDK creates root contexts by root id (registerRootContext below), read from the
// property `plugin_root_id`, so the filter must be configured with root id "add_header".
//
// What the SDK brings (see node_modules/@solo-io/proxy-runtime/assembly): exports
// proxy_abi_version_0_2_0, `malloc` (no proxy_on_memory_allocate), every proxy_on_* callback
// and proxy_validate_configuration; imports the env.proxy_* it uses and wasi_unstable.proc_exit
// (its abort handler, selected with `--use abort=abort_proc_exit`).
//
// Known SDK bug: RootContext.onConfigure passes the configuration *size* as the pointer where
// the host must write the returned length, so the host writes 4 bytes at address
// `configuration_size`, and with an empty configuration it then decodes a null buffer and traps.
// This sample therefore overrides onConfigure and reads the configuration with the SDK's
// correct get_buffer_bytes helper (and skips the call when the configuration is empty).
export * from "@solo-io/proxy-runtime/proxy"; // the exports the host calls
import {
  RootContext,
  Context,
  registerRootContext,
  FilterHeadersStatusValues,
  stream_context,
  log,
  LogLevelValues,
} from "@solo-io/proxy-runtime";
import { get_buffer_bytes, BufferTypeValues } from "@solo-io/proxy-runtime/runtime";

class Header {
  name: string;
  value: string;

  constructor(name: string, value: string) {
    this.name = name;
    this.value = value;
  }
}

// ---- A tiny JSON reader: objects whose values are strings or objects of strings ----------------

class Config {
  request: Array<Header> = [];
  response: Array<Header> = [];
  error: string = "";
}

class Parser {
  text: string;
  pos: i32 = 0;
  error: string = "";

  constructor(text: string) {
    this.text = text;
  }

  fail(expected: string): void {
    if (this.error == "") this.error = "expected " + expected + " at offset " + this.pos.toString();
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  // Consumes `c` (after whitespace) if it is next.
  eat(c: i32): bool {
    this.skipWhitespace();
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == c) {
      this.pos++;
      return true;
    }
    return false;
  }

  peek(): i32 {
    this.skipWhitespace();
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  str(): string {
    if (!this.eat(0x22)) {
      this.fail("a string");
      return "";
    }
    let out = "";
    while (this.pos < this.text.length) {
      let c = this.text.charCodeAt(this.pos++);
      if (c == 0x22) return out; // closing quote
      if (c == 0x5c && this.pos < this.text.length) {
        // backslash escape
        c = this.text.charCodeAt(this.pos++);
        if (c == 0x6e) c = 0x0a; // \n
        else if (c == 0x74) c = 0x09; // \t
        else if (c == 0x72) c = 0x0d; // \r
        else if (c == 0x75 && this.pos + 4 <= this.text.length) {
          // \uXXXX
          c = I32.parseInt(this.text.substring(this.pos, this.pos + 4), 16);
          this.pos += 4;
        } // \" \\ \/ stand for themselves
      }
      out += String.fromCharCode(c);
    }
    this.fail("a closing quote");
    return "";
  }

  // Reads {"name": "value", ...} into `into`.
  stringMap(into: Array<Header>): void {
    if (!this.eat(0x7b)) {
      this.fail("'{'");
      return;
    }
    if (this.eat(0x7d)) return;
    while (this.error == "") {
      const name = this.str();
      if (!this.eat(0x3a)) {
        this.fail("':'");
        return;
      }
      const value = this.str();
      into.push(new Header(name, value));
      if (this.eat(0x7d)) return;
      if (!this.eat(0x2c)) {
        this.fail("',' or '}'");
        return;
      }
    }
  }
}

function parseConfig(text: string): Config {
  const config = new Config();
  const p = new Parser(text);
  let header = "";
  let value = "";
  if (p.peek() == -1) return config; // empty configuration: add nothing
  if (!p.eat(0x7b)) p.fail("'{'");
  else if (!p.eat(0x7d)) {
    while (p.error == "") {
      const key = p.str();
      if (!p.eat(0x3a)) {
        p.fail("':'");
        break;
      }
      if (key == "request") p.stringMap(config.request);
      else if (key == "response") p.stringMap(config.response);
      else if (key == "header") header = p.str();
      else if (key == "value") value = p.str();
      else p.fail("one of request, response, header, value");
      if (p.eat(0x7d)) break;
      if (!p.eat(0x2c)) p.fail("',' or '}'");
    }
  }
  if (p.error == "" && header != "") {
    config.request.push(new Header(header, value));
    config.response.push(new Header(header, value));
  }
  config.error = p.error;
  return config;
}

// ---- The filter ----------------------------------------------------------------------------------

class AddHeaderRoot extends RootContext {
  config: Config = new Config();

  createContext(context_id: u32): Context {
    return new AddHeader(context_id, this);
  }

  // Not super.onConfigure(): see the SDK bug described at the top of this file.
  onConfigure(configuration_size: u32): bool {
    let text = "";
    if (configuration_size > 0) {
      // proxy_get_buffer_bytes(PLUGIN_CONFIGURATION, 0, size, &data, &size): the host calls our
      // `malloc`, copies the configuration, and writes the pointer and length back.
      text = String.UTF8.decode(
        get_buffer_bytes(BufferTypeValues.PluginConfiguration, 0, configuration_size)
      );
    }
    const config = parseConfig(text);
    if (config.error != "") {
      log(LogLevelValues.error, "add-header: bad configuration: " + config.error);
      return false; // rejects the configuration
    }
    this.config = config;
    return true;
  }
}

class AddHeader extends Context {
  constructor(context_id: u32, root_context: AddHeaderRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers = (this.root_context as AddHeaderRoot).config.request;
    for (let i = 0; i < headers.length; i++) {
      stream_context.headers.request.add(headers[i].name, headers[i].value);
      log(LogLevelValues.info, "add-header: request " + headers[i].name + ": " + headers[i].value);
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const headers = (this.root_context as AddHeaderRoot).config.response;
    for (let i = 0; i < headers.length; i++) {
      stream_context.headers.response.add(headers[i].name, headers[i].value);
      log(LogLevelValues.info, "add-header: response " + headers[i].name + ": " + headers[i].value);
    }
    return FilterHeadersStatusValues.Continue;
  }
}

// The factory runs when the host creates a root context whose plugin_root_id is "add_header".
registerRootContext((context_id: u32): RootContext => {
  return new AddHeaderRoot(context_id);
}, "add_header");
