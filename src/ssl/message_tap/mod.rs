//! What a connection's records carry, seen from outside rustls: sessl reads
//! the peer's records itself and gathers its own before writing them, so it
//! splits both streams into records and handshake messages, opens the
//! protected ones again with keys derived from the secrets the key log gives
//! (`record_keys`), and keeps
//! - the events the message callback is told of, as OpenSSL 3.0 reports them
//!   (`SSL_CTX_set_msg_callback`): each record's header, TLS 1.3's inner
//!   content type, each handshake message, ChangeCipherSpec and alert;
//! - each direction's Finished verify_data (`SSL_get_finished`,
//!   `SSL_get_peer_finished`).
//!
//! With no callback to tell, protected records are not opened as they pass:
//! they are held until the handshake is over (`settle`), and opened only if
//! the Finished messages or the handshake state are asked for (`open_held`)
//! or a callback is set. Deriving the record keys is most of the tap's cost,
//! and most connections never ask. In TLS 1.2 the one protected handshake
//! message of each direction is its Finished, so it moves the state unopened;
//! TLS 1.3's held messages move it when they are opened (`late` steps).

mod log;
mod record_keys;

pub use log::TapLog;

use record_keys::{RecordKeys, SuiteCrypto};

use crate::session::Secret;

/// OpenSSL's `SSL3_RT_HEADER`: the 5-byte record header.
pub const RT_HEADER: u16 = 256;
/// OpenSSL's `SSL3_RT_INNER_CONTENT_TYPE`: TLS 1.3's inner content type.
pub const RT_INNER_CONTENT_TYPE: u16 = 257;

const CHANGE_CIPHER_SPEC: u8 = 20;
const ALERT: u8 = 21;
const HANDSHAKE: u8 = 22;
const APPLICATION_DATA: u8 = 23;
const CLIENT_HELLO: u8 = 1;
const SERVER_HELLO: u8 = 2;
const END_OF_EARLY_DATA: u8 = 5;
const ENCRYPTED_EXTENSIONS: u8 = 8;
const FINISHED: u8 = 20;
/// The early_data extension.
const EARLY_DATA_EXTENSION: u16 = 42;
const TLS12: u16 = 0x0303;
const TLS13: u16 = 0x0304;
/// A ServerHello with this random is a HelloRetryRequest.
const HRR_RANDOM: [u8; 32] = [
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
];
/// The most of a handshake message kept while it is incomplete.
const MESSAGE_LIMIT: usize = 1 << 17;

/// One call of the message callback: `write_p`, version, content type, bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageEvent {
    pub write: bool,
    pub version: u16,
    pub content_type: u16,
    pub bytes: Vec<u8>,
}

/// A handshake message (or ChangeCipherSpec) seen whole, in order: what
/// moves OpenSSL's state machine (`ssl::handshake_machine`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MessageStep {
    pub write: bool,
    /// The handshake type, or `None` for a ChangeCipherSpec.
    pub kind: Option<u8>,
    /// Whether TLS 1.3 was negotiated when it passed.
    pub tls13: bool,
    /// An EncryptedExtensions accepting early data.
    pub early_accepted: bool,
    /// Seen in a record held and opened later (`open_held`): it moves the
    /// state but is told to no callback (none listened when it passed).
    pub late: bool,
}

/// The secrets a direction's keys come from, as the key log names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretName {
    /// TLS 1.2's master secret (`CLIENT_RANDOM`).
    Master,
    /// `CLIENT_HANDSHAKE_TRAFFIC_SECRET` / `SERVER_HANDSHAKE_TRAFFIC_SECRET`.
    Handshake { client: bool },
    /// `CLIENT_TRAFFIC_SECRET_0` / `SERVER_TRAFFIC_SECRET_0`.
    Application { client: bool },
    /// `CLIENT_EARLY_TRAFFIC_SECRET`.
    Early,
}

/// Where a direction's protection stands.
#[derive(Default, PartialEq, Eq, Debug, Clone, Copy)]
enum Stage {
    /// Records in the clear.
    #[default]
    Plain,
    /// A client's early data and EndOfEarlyData, under the early keys.
    Early,
    /// Protected under the handshake keys (TLS 1.3) or the key block (TLS 1.2).
    Handshake,
    /// Protected under TLS 1.3's application keys.
    Application,
    /// Past what sessl can open (a key update, keys not known in time).
    Opaque,
}

/// One direction of the connection.
#[derive(Default)]
struct Flow {
    /// Bytes of a record not yet whole.
    partial: Vec<u8>,
    /// Handshake bytes of a message not yet whole.
    messages: Vec<u8>,
    stage: Stage,
    keys: Option<RecordKeys>,
    /// The verify_data of the Finished this direction carried.
    finished: Option<Vec<u8>>,
    /// Protected records passed in the clear stage: a client's early data
    /// sent before the server accepted it, under the early keys.
    early_records: u64,
    /// Whole protected records kept unopened while nothing needs them.
    held: Vec<u8>,
    /// The handshake is over in this direction: nothing more is held.
    settled: bool,
}

/// The connection's two record streams, taken apart (see the module).
#[derive(Default)]
pub struct MessageTap {
    /// Whether events are kept for a message callback.
    report: bool,
    /// Whether messages after the handshake are followed (an info callback).
    follow: bool,
    /// Held records are being opened: none is held again, and the
    /// messages seen are `late`.
    opening: bool,
    /// Records are opened as they pass, callback or not (a handshake too
    /// long to hold).
    eager: bool,
    is_client: bool,
    /// The version a client's own hello is reported with (its highest).
    hello_version: u16,
    negotiated: Option<u16>,
    suite: Option<SuiteCrypto>,
    client_random: Option<[u8; 32]>,
    server_random: Option<[u8; 32]>,
    read: Flow,
    write: Flow,
    events: Vec<MessageEvent>,
    steps: smallvec::SmallVec<[MessageStep; 8]>,
}

impl MessageTap {
    /// A tap for a new handshake; `hello_version` is the highest version a
    /// client offers.
    pub fn new(is_client: bool, hello_version: u16, report: bool) -> Self {
        MessageTap {
            report,
            is_client,
            hello_version,
            ..MessageTap::default()
        }
    }

    /// Keeps (or stops keeping) events for a message callback.
    pub fn set_report(&mut self, report: bool) {
        self.report = report;
    }

    /// Whether events are kept for a message callback.
    pub fn reports(&self) -> bool {
        self.report
    }

    /// Follows (or stops following) the messages after the handshake.
    pub fn set_follow(&mut self, follow: bool) {
        self.follow = follow;
    }

    /// Whether messages after the handshake are followed.
    pub fn follows(&self) -> bool {
        self.follow
    }

    /// Whether nothing more is to be learnt: no callback, and both
    /// Finished messages seen, the streams past opening or their
    /// handshake over (what it left may still be held: `holds`).
    pub fn idle(&self) -> bool {
        !self.report
            && !self.follow
            && [&self.read, &self.write]
                .iter()
                .all(|f| f.finished.is_some() || f.stage == Stage::Opaque || f.settled)
    }

    /// Whether protected records are held unopened (their secrets are
    /// still needed).
    pub fn holds(&self) -> bool {
        !self.read.held.is_empty() || !self.write.held.is_empty()
    }

    /// Tells the tap the handshake is over for what was written (`write`)
    /// or read: everything it carried has been given to `bytes`.
    pub fn settle(&mut self, write: bool) {
        self.flow(write).settled = true;
    }

    /// Whether protected records are held rather than opened now.
    fn defers(&self) -> bool {
        !self.report && !self.follow && !self.opening && !self.eager
    }

    /// Opens the held records, the server's first (its EncryptedExtensions
    /// tells how the client's early records are protected), telling no
    /// callback: they passed while nothing listened. Their TLS 1.3 messages
    /// come as `late` steps (TLS 1.2's one protected message, its Finished,
    /// moved the state when it passed).
    pub fn open_held(&mut self, secret: &dyn Fn(SecretName) -> Option<Secret>) {
        if !self.holds() {
            return;
        }
        let (report, steps) = (self.report, self.steps.len());
        self.report = false;
        self.opening = true;
        for write in [!self.is_client, self.is_client] {
            let held = std::mem::take(&mut self.flow(write).held);
            let mut rest = &held[..];
            while let Some(&[_, _, _, a, b]) = rest.get(..5) {
                let end = (5 + usize::from(u16::from_be_bytes([a, b]))).min(rest.len());
                let (record, tail) = rest.split_at(end);
                self.record(write, record, secret);
                rest = tail;
            }
        }
        self.opening = false;
        self.report = report;
        if self.negotiated != Some(TLS13) {
            self.steps.truncate(steps);
        }
    }

    /// The events kept since the last call (the tap keeps its buffer).
    pub fn drain_events(&mut self) -> std::vec::Drain<'_, MessageEvent> {
        self.events.drain(..)
    }

    /// How many messages were seen whole since the last `drain_steps`.
    pub fn steps_pending(&self) -> usize {
        self.steps.len()
    }

    /// The messages seen whole since the last call (the tap keeps its buffer).
    pub fn drain_steps(&mut self) -> smallvec::Drain<'_, [MessageStep; 8]> {
        self.steps.drain(..)
    }

    /// The ServerHello's random, once one (not a HelloRetryRequest) passed.
    pub fn server_random(&self) -> Option<&[u8]> {
        self.server_random.as_ref().map(|r| &r[..])
    }

    /// The verify_data of this end's Finished (`own`) or the peer's.
    pub fn finished(&self, own: bool) -> Option<&[u8]> {
        if own { &self.write } else { &self.read }
            .finished
            .as_deref()
    }

    /// Takes in bytes written (`write`) or read; `secret` answers the key
    /// log's secrets known so far.
    pub fn bytes(
        &mut self,
        write: bool,
        data: &[u8],
        secret: &dyn Fn(SecretName) -> Option<Secret>,
    ) {
        if self.idle() || data.is_empty() {
            return;
        }
        if self.report || self.follow {
            // A callback was set since: what was held is opened first.
            self.open_held(secret);
        }
        let kept = std::mem::take(&mut self.flow(write).partial);
        let left = split_whole(kept, data, record_len, |record| {
            self.record(write, record, secret)
        });
        self.flow(write).partial = left;
    }

    fn flow(&mut self, write: bool) -> &mut Flow {
        if write {
            &mut self.write
        } else {
            &mut self.read
        }
    }

    fn emit(&mut self, write: bool, version: u16, content_type: u16, bytes: &[u8]) {
        if self.report {
            self.events.push(MessageEvent {
                write,
                version,
                content_type,
                bytes: bytes.to_vec(),
            });
        }
    }

    /// The version OpenSSL reports a record's content with.
    fn content_version(&self, write: bool) -> u16 {
        match self.negotiated {
            Some(v) => v,
            None if write => self.hello_version,
            None => TLS13,
        }
    }

    /// Whether `write` carries the client's records.
    fn carries_client_records(&self, write: bool) -> bool {
        write == self.is_client
    }

    fn record(
        &mut self,
        write: bool,
        record: &[u8],
        secret: &dyn Fn(SecretName) -> Option<Secret>,
    ) {
        let header_version = u16::from_be_bytes([record[1], record[2]]);
        self.emit(write, header_version, RT_HEADER, &record[..5]);
        let stage = self.flow(write).stage;
        if stage == Stage::Plain || record[0] == CHANGE_CIPHER_SPEC {
            if record[0] == APPLICATION_DATA {
                self.flow(write).early_records += 1;
            }
            self.content(write, record[0], &record[5..]);
            return;
        }
        if stage == Stage::Opaque {
            return;
        }
        if self.defers() {
            let flow = self.flow(write);
            if !flow.settled {
                flow.held.extend_from_slice(record);
                if self.negotiated == Some(TLS12) && record[0] == HANDSHAKE {
                    // TLS 1.2's only protected handshake message: its Finished,
                    // the direction's last.
                    self.step(write, Some(FINISHED), false);
                    self.flow(write).settled = true;
                }
                let flow = self.flow(write);
                if flow.held.len() > MESSAGE_LIMIT {
                    // A handshake this long is opened as it goes.
                    self.eager = true;
                    self.open_held(secret);
                }
            }
            return;
        }
        if self.flow(write).keys.is_none() {
            let mut keys = self.keys_for(write, stage, secret);
            let flow = self.flow(write);
            if let (Some(k), Stage::Early) = (keys.as_mut(), stage) {
                k.skip(flow.early_records);
            }
            flow.keys = keys;
        }
        let opened = self.flow(write).keys.as_mut().and_then(|k| k.open(record));
        let Some((content_type, plain)) = opened else {
            self.flow(write).stage = Stage::Opaque;
            return;
        };
        if self.negotiated == Some(TLS13) {
            let version = if write { TLS12 } else { TLS13 };
            self.emit(write, version, RT_INNER_CONTENT_TYPE, &[content_type]);
        }
        self.content(write, content_type, &plain);
    }

    /// The keys of a direction entering `stage`, from the secrets known now.
    fn keys_for(
        &self,
        write: bool,
        stage: Stage,
        secret: &dyn Fn(SecretName) -> Option<Secret>,
    ) -> Option<RecordKeys> {
        let suite = self.suite?;
        let client = self.carries_client_records(write);
        match (self.negotiated?, stage) {
            (TLS13, Stage::Early) => RecordKeys::tls13(suite, &secret(SecretName::Early)?),
            (TLS13, Stage::Handshake) => {
                RecordKeys::tls13(suite, &secret(SecretName::Handshake { client })?)
            }
            (TLS13, Stage::Application) => {
                RecordKeys::tls13(suite, &secret(SecretName::Application { client })?)
            }
            (TLS12, Stage::Handshake) => RecordKeys::tls12(
                suite,
                &secret(SecretName::Master)?,
                self.client_random.as_ref()?,
                self.server_random.as_ref()?,
                client,
            ),
            _ => None,
        }
    }

    fn content(&mut self, write: bool, content_type: u8, body: &[u8]) {
        let version = self.content_version(write);
        match content_type {
            HANDSHAKE => self.handshake_bytes(write, body),
            CHANGE_CIPHER_SPEC => {
                // OpenSSL reports the ChangeCipherSpec it writes, not the one it reads.
                if write {
                    self.emit(write, version, CHANGE_CIPHER_SPEC.into(), body);
                }
                self.step(write, None, false);
                if self.negotiated == Some(TLS12) {
                    let flow = self.flow(write);
                    flow.stage = Stage::Handshake;
                    flow.keys = None;
                }
            }
            ALERT => self.emit(write, version, ALERT.into(), body),
            APPLICATION_DATA => {}
            _ => {}
        }
    }

    fn handshake_bytes(&mut self, write: bool, body: &[u8]) {
        let flow = self.flow(write);
        if flow.messages.len() + body.len() > MESSAGE_LIMIT {
            flow.stage = Stage::Opaque;
            return;
        }
        let kept = std::mem::take(&mut flow.messages);
        let left = split_whole(kept, body, message_len, |message| {
            let kind = message[0];
            let early_accepted = self.note_message(write, kind, &message[4..]);
            self.step(write, Some(kind), early_accepted);
            let version = self.content_version(write);
            self.emit(write, version, HANDSHAKE.into(), message);
        });
        self.flow(write).messages = left;
    }

    fn step(&mut self, write: bool, kind: Option<u8>, early_accepted: bool) {
        let tls13 = self.negotiated == Some(TLS13);
        self.steps.push(MessageStep {
            write,
            kind,
            tls13,
            early_accepted,
            late: self.opening,
        });
    }

    /// What a handshake message tells the tap: randoms, version and suite,
    /// the Finished verify_data, early data accepted (returned) and ended.
    fn note_message(&mut self, write: bool, kind: u8, body: &[u8]) -> bool {
        match kind {
            ENCRYPTED_EXTENSIONS if accepts_early_data(body) => {
                // The client's records go under the early keys until its EndOfEarlyData.
                let client_flow = self.flow(self.is_client);
                client_flow.stage = Stage::Early;
                client_flow.keys = None;
                return true;
            }
            END_OF_EARLY_DATA => {
                let flow = self.flow(write);
                flow.stage = Stage::Handshake;
                flow.keys = None;
            }
            CLIENT_HELLO => {
                self.client_random = body.get(2..34).and_then(|r| r.try_into().ok());
            }
            SERVER_HELLO => {
                let Some(hello) = ServerHello::parse(body) else {
                    return false;
                };
                if hello.random == HRR_RANDOM {
                    return false;
                }
                self.server_random = hello.random.try_into().ok();
                self.suite = SuiteCrypto::of(hello.suite);
                self.negotiated = Some(hello.version);
                if hello.version == TLS13 {
                    for flow in [&mut self.read, &mut self.write] {
                        flow.stage = Stage::Handshake;
                        flow.keys = None;
                    }
                }
            }
            FINISHED => {
                let tls13 = self.negotiated == Some(TLS13);
                let flow = self.flow(write);
                if flow.finished.is_none() {
                    flow.finished = Some(body.to_vec());
                }
                if tls13 && flow.stage == Stage::Handshake {
                    flow.stage = Stage::Application;
                    flow.keys = None;
                }
                if !self.report && !self.follow {
                    self.flow(write).keys = None;
                }
            }
            _ => {}
        }
        false
    }
}

/// Gives `each` the whole units (records, handshake messages) of the bytes
/// `kept` from the last call followed by `data`, where they lie (`data` is
/// copied only after something was kept), and returns the start of a unit
/// cut short, to keep for the next call. `whole_len` reads a unit's length
/// from its first bytes, `None` while they are cut.
fn split_whole(
    mut kept: Vec<u8>,
    data: &[u8],
    whole_len: fn(&[u8]) -> Option<usize>,
    mut each: impl FnMut(&[u8]),
) -> Vec<u8> {
    let joined = !kept.is_empty();
    if joined {
        kept.extend_from_slice(data);
    }
    let mut rest = if joined { &kept[..] } else { data };
    while let Some(end) = whole_len(rest).filter(|&end| end <= rest.len()) {
        let (unit, tail) = rest.split_at(end);
        each(unit);
        rest = tail;
    }
    let left = rest.len();
    if joined {
        kept.drain(..kept.len() - left);
    } else {
        kept.extend_from_slice(&data[data.len() - left..]);
    }
    kept
}

/// The length of the record starting `bytes`, header included.
fn record_len(bytes: &[u8]) -> Option<usize> {
    let &[_, _, _, a, b] = bytes.get(..5)? else {
        return None;
    };
    Some(5 + usize::from(u16::from_be_bytes([a, b])))
}

/// The length of the handshake message starting `bytes`, header included.
fn message_len(bytes: &[u8]) -> Option<usize> {
    let &[_, a, b, c] = bytes.get(..4)? else {
        return None;
    };
    Some(4 + u32::from_be_bytes([0, a, b, c]) as usize)
}

/// Whether an EncryptedExtensions body carries the early_data extension.
fn accepts_early_data(body: &[u8]) -> bool {
    use crate::session::ByteCursor;
    let mut c = ByteCursor::new(body);
    let Some(exts) = c.u16().and_then(|len| c.bytes(usize::from(len))) else {
        return false;
    };
    let mut exts = ByteCursor::new(exts);
    while let (Some(kind), Some(len)) = (exts.u16(), exts.u16()) {
        if kind == EARLY_DATA_EXTENSION {
            return true;
        }
        if exts.bytes(usize::from(len)).is_none() {
            return false;
        }
    }
    false
}

/// The fields of a ServerHello the tap needs.
struct ServerHello<'a> {
    random: &'a [u8],
    suite: u16,
    version: u16,
}

impl<'a> ServerHello<'a> {
    fn parse(body: &'a [u8]) -> Option<Self> {
        use crate::session::ByteCursor;
        let mut c = ByteCursor::new(body);
        let legacy = c.u16()?;
        let random = c.bytes(32)?;
        let sid_len = c.u8()?;
        c.bytes(usize::from(sid_len))?;
        let suite = c.u16()?;
        c.u8()?;
        let mut version = legacy;
        if let Some(ext_len) = c.u16() {
            let mut exts = ByteCursor::new(c.bytes(usize::from(ext_len))?);
            while exts.remaining() >= 4 {
                let (kind, len) = (exts.u16()?, exts.u16()?);
                let data = exts.bytes(usize::from(len))?;
                if kind == 43 && data.len() == 2 {
                    version = u16::from_be_bytes([data[0], data[1]]);
                }
            }
        }
        Some(ServerHello {
            random,
            suite,
            version,
        })
    }
}

#[cfg(test)]
mod tests;
