//! OpenSSL 3.0's table of configuration commands (SSL_CONF_cmd(3)): each
//! command's file name (`CipherString`, matched without case) and
//! command-line name (`cipher`, matched exactly, after the `-` or the
//! prefix), the configuration flags it needs, and its value type; and how
//! a command string is looked up under a context's flags and prefix.

use super::conf_lists::{op, FlagChange, FlagKind, NameList, CERT_FLAG_TLS_STRICT};

/// `SSL_CONF_FLAG_CMDLINE`.
pub const FLAG_CMDLINE: u32 = 0x1;
/// `SSL_CONF_FLAG_FILE`.
pub const FLAG_FILE: u32 = 0x2;
/// `SSL_CONF_FLAG_CLIENT`.
pub const FLAG_CLIENT: u32 = 0x4;
/// `SSL_CONF_FLAG_SERVER`.
pub const FLAG_SERVER: u32 = 0x8;
/// `SSL_CONF_FLAG_SHOW_ERRORS`.
pub const FLAG_SHOW_ERRORS: u32 = 0x10;
/// `SSL_CONF_FLAG_CERTIFICATE`.
pub const FLAG_CERTIFICATE: u32 = 0x20;
/// `SSL_CONF_FLAG_REQUIRE_PRIVATE`.
pub const FLAG_REQUIRE_PRIVATE: u32 = 0x40;

/// `SSL_CONF_TYPE_*`: what a command's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Unknown = 0,
    String = 1,
    File = 2,
    Dir = 3,
    None = 4,
    Store = 5,
}

/// What a command does with its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A command-line switch: one fixed change, no value.
    Switch(FlagChange),
    /// A list of names (`Protocol`, `Options`, `VerifyMode`).
    List(NameList),
    SignatureAlgorithms,
    ClientSignatureAlgorithms,
    /// `Groups` and its old name `Curves`.
    Groups,
    EcdhParameters,
    CipherString,
    Ciphersuites,
    MinProtocol,
    MaxProtocol,
    Certificate,
    PrivateKey,
    ServerInfoFile,
    /// A store to load into: the verify store (`VerifyCA*`) or the chain
    /// store (`ChainCA*`).
    Store {
        verify: bool,
        source: Source,
    },
    /// CA names to send (`RequestCA*`, `ClientCA*`).
    CaNames(Source),
    DhParameters,
    RecordPadding,
    NumTickets,
}

/// Where certificates are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    File,
    Dir,
    Store,
}

/// One command of the table.
#[derive(Clone, Copy, Debug)]
pub struct Command {
    /// The name in a configuration file; `None` for a switch.
    pub file: Option<&'static str>,
    /// The name on a command line (without `-`); `None` if it has none.
    pub cmdline: Option<&'static str>,
    /// The `SSL_CONF_FLAG_SERVER`/`CLIENT`/`CERTIFICATE` flags it needs.
    pub needs: u32,
    pub value_type: ValueType,
    pub action: Action,
}

const fn switch(cmdline: &'static str, needs: u32, kind: FlagKind, bits: u64, on: bool) -> Command {
    Command {
        file: None,
        cmdline: Some(cmdline),
        needs,
        value_type: ValueType::None,
        action: Action::Switch(FlagChange { kind, bits, on }),
    }
}

const fn op_switch(cmdline: &'static str, needs: u32, bits: u64, on: bool) -> Command {
    switch(cmdline, needs, FlagKind::Option, bits, on)
}

const fn string(
    file: &'static str,
    cmdline: Option<&'static str>,
    needs: u32,
    action: Action,
) -> Command {
    typed(file, cmdline, needs, ValueType::String, action)
}

const fn typed(
    file: &'static str,
    cmdline: Option<&'static str>,
    needs: u32,
    value_type: ValueType,
    action: Action,
) -> Command {
    Command {
        file: Some(file),
        cmdline,
        needs,
        value_type,
        action,
    }
}

const SRV: u32 = FLAG_SERVER;
const CLI: u32 = FLAG_CLIENT;
const CERT: u32 = FLAG_CERTIFICATE;
const SRV_CERT: u32 = FLAG_SERVER | FLAG_CERTIFICATE;

const fn store(file: &'static str, cmdline: &'static str, verify: bool, source: Source) -> Command {
    let value_type = match source {
        Source::File => ValueType::File,
        Source::Dir => ValueType::Dir,
        Source::Store => ValueType::Store,
    };
    typed(
        file,
        Some(cmdline),
        CERT,
        value_type,
        Action::Store { verify, source },
    )
}

const fn ca_names(
    file: &'static str,
    cmdline: Option<&'static str>,
    needs: u32,
    source: Source,
) -> Command {
    let value_type = match source {
        Source::File => ValueType::File,
        Source::Dir => ValueType::Dir,
        Source::Store => ValueType::Store,
    };
    typed(file, cmdline, needs, value_type, Action::CaNames(source))
}

/// OpenSSL 3.0's commands, in its order (the first match wins).
pub const COMMANDS: &[Command] = &[
    op_switch("no_ssl3", 0, op::NO_SSLV3, true),
    op_switch("no_tls1", 0, op::NO_TLSV1, true),
    op_switch("no_tls1_1", 0, op::NO_TLSV1_1, true),
    op_switch("no_tls1_2", 0, op::NO_TLSV1_2, true),
    op_switch("no_tls1_3", 0, op::NO_TLSV1_3, true),
    op_switch("bugs", 0, op::ALL, true),
    op_switch("no_comp", 0, op::NO_COMPRESSION, true),
    op_switch("comp", 0, op::NO_COMPRESSION, false),
    op_switch("ecdh_single", SRV, op::NONE, true),
    op_switch("no_ticket", 0, op::NO_TICKET, true),
    op_switch("serverpref", SRV, op::CIPHER_SERVER_PREFERENCE, true),
    op_switch(
        "legacy_renegotiation",
        0,
        op::ALLOW_UNSAFE_LEGACY_RENEGOTIATION,
        true,
    ),
    op_switch(
        "client_renegotiation",
        SRV,
        op::ALLOW_CLIENT_RENEGOTIATION,
        true,
    ),
    op_switch(
        "legacy_server_connect",
        CLI,
        op::LEGACY_SERVER_CONNECT,
        true,
    ),
    op_switch("no_renegotiation", 0, op::NO_RENEGOTIATION, true),
    op_switch(
        "no_resumption_on_reneg",
        SRV,
        op::NO_SESSION_RESUMPTION_ON_RENEGOTIATION,
        true,
    ),
    op_switch(
        "no_legacy_server_connect",
        CLI,
        op::LEGACY_SERVER_CONNECT,
        false,
    ),
    op_switch("allow_no_dhe_kex", 0, op::ALLOW_NO_DHE_KEX, true),
    op_switch("prioritize_chacha", SRV, op::PRIORITIZE_CHACHA, true),
    switch("strict", 0, FlagKind::Cert, CERT_FLAG_TLS_STRICT, true),
    op_switch("no_middlebox", 0, op::ENABLE_MIDDLEBOX_COMPAT, false),
    op_switch("anti_replay", SRV, op::NO_ANTI_REPLAY, false),
    op_switch("no_anti_replay", SRV, op::NO_ANTI_REPLAY, true),
    op_switch("no_etm", 0, op::NO_ENCRYPT_THEN_MAC, true),
    string(
        "SignatureAlgorithms",
        Some("sigalgs"),
        0,
        Action::SignatureAlgorithms,
    ),
    string(
        "ClientSignatureAlgorithms",
        Some("client_sigalgs"),
        0,
        Action::ClientSignatureAlgorithms,
    ),
    string("Curves", Some("curves"), 0, Action::Groups),
    string("Groups", Some("groups"), 0, Action::Groups),
    string(
        "ECDHParameters",
        Some("named_curve"),
        SRV,
        Action::EcdhParameters,
    ),
    string("CipherString", Some("cipher"), 0, Action::CipherString),
    string(
        "Ciphersuites",
        Some("ciphersuites"),
        0,
        Action::Ciphersuites,
    ),
    string("Protocol", None, 0, Action::List(NameList::Protocol)),
    string("MinProtocol", Some("min_protocol"), 0, Action::MinProtocol),
    string("MaxProtocol", Some("max_protocol"), 0, Action::MaxProtocol),
    string("Options", None, 0, Action::List(NameList::Options)),
    string("VerifyMode", None, 0, Action::List(NameList::VerifyMode)),
    typed(
        "Certificate",
        Some("cert"),
        CERT,
        ValueType::File,
        Action::Certificate,
    ),
    typed(
        "PrivateKey",
        Some("key"),
        CERT,
        ValueType::File,
        Action::PrivateKey,
    ),
    typed(
        "ServerInfoFile",
        None,
        SRV_CERT,
        ValueType::File,
        Action::ServerInfoFile,
    ),
    store("ChainCAPath", "chainCApath", false, Source::Dir),
    store("ChainCAFile", "chainCAfile", false, Source::File),
    store("ChainCAStore", "chainCAstore", false, Source::Store),
    store("VerifyCAPath", "verifyCApath", true, Source::Dir),
    store("VerifyCAFile", "verifyCAfile", true, Source::File),
    store("VerifyCAStore", "verifyCAstore", true, Source::Store),
    ca_names("RequestCAFile", Some("requestCAFile"), CERT, Source::File),
    ca_names("ClientCAFile", None, SRV_CERT, Source::File),
    ca_names("RequestCAPath", None, CERT, Source::Dir),
    ca_names("ClientCAPath", None, SRV_CERT, Source::Dir),
    ca_names(
        "RequestCAStore",
        Some("requestCAStore"),
        CERT,
        Source::Store,
    ),
    ca_names("ClientCAStore", None, SRV_CERT, Source::Store),
    typed(
        "DHParameters",
        Some("dhparam"),
        SRV_CERT,
        ValueType::File,
        Action::DhParameters,
    ),
    string(
        "RecordPadding",
        Some("record_padding"),
        0,
        Action::RecordPadding,
    ),
    string("NumTickets", Some("num_tickets"), SRV, Action::NumTickets),
];

/// The command name left once the prefix (or, on a command line without
/// one, the `-`) is taken off, as OpenSSL's `ssl_conf_cmd_skip_prefix`;
/// `None` when `cmd` does not carry it.
pub fn strip_prefix<'a>(cmd: &'a str, prefix: Option<&str>, flags: u32) -> Option<&'a str> {
    let Some(prefix) = prefix else {
        if flags & FLAG_CMDLINE != 0 {
            let rest = cmd.strip_prefix('-')?;
            return (!rest.is_empty()).then_some(rest);
        }
        return Some(cmd);
    };
    let (head, rest) = (cmd.as_bytes(), prefix.as_bytes());
    if head.len() <= rest.len() {
        return None;
    }
    let start = &head[..rest.len()];
    if flags & FLAG_CMDLINE != 0 && start != rest {
        return None;
    }
    if flags & FLAG_FILE != 0 && !start.eq_ignore_ascii_case(rest) {
        return None;
    }
    // The prefix is skipped by its length even when it was not compared.
    cmd.get(rest.len()..)
}

/// Whether the context's flags allow a command.
fn allowed(command: &Command, flags: u32) -> bool {
    command.needs & (FLAG_SERVER | FLAG_CLIENT | FLAG_CERTIFICATE) & !flags == 0
}

/// The command `name` (prefix already taken off) names under `flags`.
pub fn lookup(name: &str, flags: u32) -> Option<&'static Command> {
    COMMANDS.iter().filter(|c| allowed(c, flags)).find(|c| {
        let by_cmdline = flags & FLAG_CMDLINE != 0 && c.cmdline == Some(name);
        let by_file =
            flags & FLAG_FILE != 0 && c.file.is_some_and(|f| f.eq_ignore_ascii_case(name));
        by_cmdline || by_file
    })
}

/// The protocol version a `MinProtocol`/`MaxProtocol` value names, as
/// OpenSSL's table (exact names; `None` is 0, no bound).
pub fn protocol_version(value: &str) -> Option<i64> {
    Some(match value {
        "None" => 0,
        "SSLv3" => 0x0300,
        "TLSv1" => 0x0301,
        "TLSv1.1" => 0x0302,
        "TLSv1.2" => 0x0303,
        "TLSv1.3" => 0x0304,
        "DTLSv1" => 0xfeff,
        "DTLSv1.2" => 0xfefd,
        _ => return None,
    })
}

/// C's `atoi`: leading blanks, a sign, digits; 0 when there are none.
pub fn atoi(value: &str) -> i64 {
    let s = value.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |n, d| {
            n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    let n = if neg { -n } else { n };
    // atoi's int result: the low 32 bits (as glibc's strtol-then-cast gives).
    i64::from(n as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE_SERVER: u32 = FLAG_FILE | FLAG_SERVER;

    #[test]
    fn file_names_match_without_case_and_command_lines_exactly() {
        let c = lookup("cipherstring", FLAG_FILE).unwrap();
        assert_eq!(c.action, Action::CipherString);
        assert!(lookup("cipher", FLAG_FILE).is_none());
        assert_eq!(
            lookup("cipher", FLAG_CMDLINE).unwrap().action,
            Action::CipherString
        );
        assert!(lookup("Cipher", FLAG_CMDLINE).is_none());
        assert!(lookup("CipherString", FLAG_CMDLINE).is_none());
        assert_eq!(
            lookup("no_ticket", FLAG_CMDLINE).unwrap().value_type,
            ValueType::None
        );
    }

    #[test]
    fn a_command_for_a_side_or_certificates_needs_its_flag() {
        assert!(lookup("NumTickets", FLAG_FILE).is_none());
        assert!(lookup("NumTickets", FILE_SERVER).is_some());
        assert!(lookup("Certificate", FILE_SERVER).is_none());
        assert!(lookup("Certificate", FILE_SERVER | FLAG_CERTIFICATE).is_some());
        assert!(lookup("ClientCAFile", FLAG_FILE | FLAG_CERTIFICATE).is_none());
        assert!(lookup("legacy_server_connect", FLAG_CMDLINE | FLAG_SERVER).is_none());
        assert!(lookup("legacy_server_connect", FLAG_CMDLINE | FLAG_CLIENT).is_some());
    }

    #[test]
    fn the_prefix_or_the_dash_is_taken_off() {
        assert_eq!(strip_prefix("-cipher", None, FLAG_CMDLINE), Some("cipher"));
        assert_eq!(strip_prefix("-", None, FLAG_CMDLINE), None);
        assert_eq!(strip_prefix("cipher", None, FLAG_CMDLINE), None);
        assert_eq!(strip_prefix("Options", None, FLAG_FILE), Some("Options"));
        assert_eq!(
            strip_prefix("SSLOptions", Some("ssl"), FLAG_FILE),
            Some("Options")
        );
        assert_eq!(
            strip_prefix("--cipher", Some("--"), FLAG_CMDLINE),
            Some("cipher")
        );
        assert_eq!(strip_prefix("-cipher", Some("--"), FLAG_CMDLINE), None);
        assert_eq!(strip_prefix("ssl", Some("ssl"), FLAG_FILE), None);
        // Neither flag: the prefix's length is skipped, unchecked.
        assert_eq!(strip_prefix("xyzOptions", Some("abc"), 0), Some("Options"));
    }

    #[test]
    fn protocol_names_are_exact() {
        assert_eq!(protocol_version("TLSv1.3"), Some(0x0304));
        assert_eq!(protocol_version("None"), Some(0));
        assert_eq!(protocol_version("tlsv1.3"), None);
    }

    #[test]
    fn atoi_reads_as_c_does() {
        assert_eq!(atoi(" 12abc"), 12);
        assert_eq!(atoi("-3"), -3);
        assert_eq!(atoi("x"), 0);
        assert_eq!(atoi("+7"), 7);
    }
}
