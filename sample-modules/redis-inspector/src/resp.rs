//! Just enough RESP (the Redis serialization protocol, version 2) to find where frames end.
//!
//! * Client commands are arrays of bulk strings (`*2\r\n$3\r\nGET\r\n$1\r\nk\r\n`) or, as typed
//!   into `telnet`, *inline* commands: one line of words (`PING\r\n`).
//! * Replies are simple strings (`+OK`), errors (`-ERR ...`), integers (`:1`), bulk strings
//!   (`$3\r\nbar\r\n`, `$-1` for nil) and arrays of any of these (`*-1` for nil).
//!
//! The bytes come from the network, so nothing here trusts them: lengths are checked before use,
//! nesting is bounded (no deep recursion on `*1\r\n*1\r\n...`), and a frame that is not RESP is
//! [`Parse::Invalid`] rather than a panic.

/// What the bytes at the start of a buffer hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Parse<T> {
    /// A whole frame, and its length in bytes.
    Complete(T, usize),
    /// The start of a frame: more bytes are needed.
    Incomplete,
    /// Not RESP; the text says why.
    Invalid(&'static str),
}

/// Arrays nested deeper than this are refused (Redis replies rarely nest more than a few levels).
const MAX_DEPTH: usize = 16;
/// Redis' own limits: 512 MB per bulk string, about a million arguments per command.
const MAX_BULK: i64 = 512 * 1024 * 1024;
const MAX_ITEMS: i64 = 1024 * 1024;

/// The line at `buf[from..]` without its CRLF, and the index just after the CRLF.
fn line(buf: &[u8], from: usize) -> Option<(&[u8], usize)> {
    let rest = buf.get(from..)?;
    let cr = rest.windows(2).position(|w| w == b"\r\n")?;
    Some((&rest[..cr], from + cr + 2))
}

/// A length such as the `3` of `$3` or the `-1` of `*-1`.
fn length(digits: &[u8], max: i64) -> Result<i64, &'static str> {
    let text = core::str::from_utf8(digits).map_err(|_| "a length that is not a number")?;
    let n: i64 = text.parse().map_err(|_| "a length that is not a number")?;
    if n < -1 || n > max {
        return Err("a length out of range");
    }
    Ok(n)
}

/// The frame at `buf[from..]`: its length once it is whole.
fn frame(buf: &[u8], from: usize, depth: usize) -> Parse<()> {
    if depth > MAX_DEPTH {
        return Parse::Invalid("arrays nested too deep");
    }
    let (head, next) = match line(buf, from) {
        Some(found) => found,
        None => return Parse::Incomplete,
    };
    let (kind, rest) = match head.split_first() {
        Some(split) => split,
        None => return Parse::Invalid("an empty line where a frame should start"),
    };
    match kind {
        b'+' | b'-' | b':' => Parse::Complete((), next - from),
        b'$' => match length(rest, MAX_BULK) {
            Err(why) => Parse::Invalid(why),
            Ok(-1) => Parse::Complete((), next - from),
            Ok(n) => {
                let end = next + n as usize;
                match buf.get(end..end + 2) {
                    None => Parse::Incomplete,
                    Some(b"\r\n") => Parse::Complete((), end + 2 - from),
                    Some(_) => Parse::Invalid("a bulk string longer than its length"),
                }
            }
        },
        b'*' => match length(rest, MAX_ITEMS) {
            Err(why) => Parse::Invalid(why),
            Ok(-1) => Parse::Complete((), next - from),
            Ok(n) => {
                let mut at = next;
                for _ in 0..n {
                    match frame(buf, at, depth + 1) {
                        Parse::Complete((), len) => at += len,
                        other => return other,
                    }
                }
                Parse::Complete((), at - from)
            }
        },
        _ => Parse::Invalid("an unknown frame type"),
    }
}

/// One reply at the start of `buf`: `Some(text)` for a simple string (`+text`), else `None`.
pub fn reply(buf: &[u8]) -> Parse<Option<&[u8]>> {
    match frame(buf, 0, 0) {
        Parse::Complete((), len) if buf[0] == b'+' => Parse::Complete(Some(&buf[1..len - 2]), len),
        Parse::Complete((), len) => Parse::Complete(None, len),
        Parse::Incomplete => Parse::Incomplete,
        Parse::Invalid(why) => Parse::Invalid(why),
    }
}

/// One client command at the start of `buf`: its words (name first).
pub fn command(buf: &[u8]) -> Parse<Vec<&[u8]>> {
    if buf.first() != Some(&b'*') {
        // An inline command: the words of one line.
        return match line(buf, 0) {
            None => Parse::Incomplete,
            Some((words, next)) => Parse::Complete(
                words.split(|b| *b == b' ').filter(|w| !w.is_empty()).collect(),
                next,
            ),
        };
    }
    // An array of bulk strings: check it is whole first, then pick the words out.
    let len = match frame(buf, 0, 0) {
        Parse::Complete((), len) => len,
        Parse::Incomplete => return Parse::Incomplete,
        Parse::Invalid(why) => return Parse::Invalid(why),
    };
    let mut words = Vec::new();
    let (head, mut at) = line(buf, 0).expect("a complete frame has a first line");
    let count = length(&head[1..], MAX_ITEMS).unwrap_or(0);
    for _ in 0..count.max(0) {
        match line(buf, at) {
            Some((bulk, next)) if bulk.first() == Some(&b'$') => {
                let n = length(&bulk[1..], MAX_BULK).unwrap_or(-1);
                if n < 0 {
                    return Parse::Invalid("a nil argument in a command");
                }
                words.push(&buf[next..next + n as usize]);
                at = next + n as usize + 2;
            }
            _ => return Parse::Invalid("a command argument that is not a bulk string"),
        }
    }
    Parse::Complete(words, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_commands_and_waits_for_split_ones() {
        let get = b"*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n";
        assert_eq!(command(get), Parse::Complete(vec![&b"GET"[..], b"key"], get.len()));
        for cut in 0..get.len() {
            assert_eq!(command(&get[..cut]), Parse::Incomplete, "cut at {}", cut);
        }
        assert_eq!(command(b"PING\r\nmore"), Parse::Complete(vec![&b"PING"[..]], 6));
        assert_eq!(command(b"set  a b\r\n"), Parse::Complete(vec![&b"set"[..], b"a", b"b"], 10));
    }

    #[test]
    fn refuses_what_is_not_resp() {
        assert!(matches!(command(b"*1\r\n:1\r\n"), Parse::Invalid(_)));
        assert!(matches!(command(b"*x\r\n"), Parse::Invalid(_)));
        assert!(matches!(command(b"*1\r\n$2\r\nabc\r\n"), Parse::Invalid(_)));
        assert!(matches!(reply(b"?\r\n"), Parse::Invalid(_)));
        assert!(matches!(reply(b"$99999999999\r\n"), Parse::Invalid(_)));
        let deep = "*1\r\n".repeat(100);
        assert!(matches!(reply(deep.as_bytes()), Parse::Invalid(_)));
    }

    #[test]
    fn reads_every_kind_of_reply() {
        assert_eq!(reply(b"+PONG\r\n"), Parse::Complete(Some(&b"PONG"[..]), 7));
        assert_eq!(reply(b"-ERR no\r\n"), Parse::Complete(None, 9));
        assert_eq!(reply(b":12\r\n"), Parse::Complete(None, 5));
        assert_eq!(reply(b"$-1\r\n"), Parse::Complete(None, 5));
        assert_eq!(reply(b"$3\r\nbar\r\n+OK\r\n"), Parse::Complete(None, 9));
        assert_eq!(reply(b"*2\r\n+a\r\n$1\r\nb\r\n"), Parse::Complete(None, 15));
        assert_eq!(reply(b"*2\r\n+a\r\n$1\r\nb"), Parse::Incomplete);
        assert_eq!(reply(b"+PO"), Parse::Incomplete);
    }
}
