//! SSL_CONF_cmd(3)'s commands applied to the context or connection of a
//! configuration context, each through sessl's own exported setter (so a
//! command does exactly what the function it stands for does), as
//! OpenSSL's `ssl_conf.c` applies them. With neither set, a command is
//! checked as OpenSSL checks it then (most are taken unchecked).

use std::ffi::{c_char, c_void, CStr};
use std::os::raw::{c_int, c_long};

use super::crypto::{params, x509_vfy};
use super::lib_context::{ex, Lib};
use super::owned::OwnedNameStack;
use super::types::*;
use crate::ssl::conf_lists::{apply_change, parse_list, FlagChange, FlagKind, NameList};
use crate::ssl::conf_table::{atoi, protocol_version, Action, Source, FLAG_CMDLINE, FLAG_FILE};

/// `SSL_CTRL_SET_GROUPS_LIST`.
const SET_GROUPS_LIST: c_int = 92;
/// `SSL_CTRL_SET_SIGALGS_LIST`.
const SET_SIGALGS_LIST: c_int = 98;
/// `SSL_CTRL_SET_CLIENT_SIGALGS_LIST`.
const SET_CLIENT_SIGALGS_LIST: c_int = 102;
/// `SSL_CTRL_SET_VERIFY_CERT_STORE` / `SSL_CTRL_SET_CHAIN_CERT_STORE`.
const SET_VERIFY_CERT_STORE: c_int = 106;
const SET_CHAIN_CERT_STORE: c_int = 107;
/// `SSL_CTRL_SET_MIN_PROTO_VERSION` / `SSL_CTRL_SET_MAX_PROTO_VERSION`.
const SET_MIN_PROTO_VERSION: c_int = 123;
const SET_MAX_PROTO_VERSION: c_int = 124;
/// `SSL_CTRL_GET_VERIFY_CERT_STORE` / `SSL_CTRL_GET_CHAIN_CERT_STORE`.
const GET_VERIFY_CERT_STORE: c_int = 137;
const GET_CHAIN_CERT_STORE: c_int = 138;
/// `SSL_FILETYPE_PEM`.
const FILETYPE_PEM: c_int = 1;

/// What the commands apply to (not owned: OpenSSL takes no reference either).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Target {
    None,
    Context(*mut SSL_CTX),
    Connection(*mut SSL),
}

impl Target {
    /// `SSL_CTX_ctrl` or `SSL_ctrl`; `None` without a target.
    fn ctrl(self, cmd: c_int, larg: c_long, parg: *mut c_void) -> Option<c_long> {
        match self {
            Target::None => None,
            Target::Context(ctx) => Some(super::ctrl::SSL_CTX_ctrl(ctx, cmd, larg, parg)),
            Target::Connection(s) => Some(super::ctrl::SSL_ctrl(s, cmd, larg, parg)),
        }
    }

    /// A setter taking a string: its result (>0 taken), or `none` without a target.
    fn set_str(
        self,
        value: &CStr,
        on_ctx: extern "C" fn(*mut SSL_CTX, *const c_char) -> c_int,
        on_ssl: extern "C" fn(*mut SSL, *const c_char) -> c_int,
        none: c_int,
    ) -> c_int {
        match self {
            Target::None => none,
            Target::Context(ctx) => on_ctx(ctx, value.as_ptr()),
            Target::Connection(s) => on_ssl(s, value.as_ptr()),
        }
    }

    /// Whether the target has the private key of its certificate (OpenSSL
    /// drops a key a new certificate does not match, so "has a key" is
    /// "has the matching key"); nothing is left on the error queue.
    pub(crate) fn has_private_key(self) -> bool {
        // SAFETY: libcrypto's error marks on this thread's queue.
        unsafe { super::crypto::ERR_set_mark() };
        let matches = match self {
            Target::None => 1,
            Target::Context(ctx) => super::ctx::SSL_CTX_check_private_key(ctx),
            Target::Connection(s) => super::conn_credentials::SSL_check_private_key(s),
        };
        // SAFETY: as above, back to the mark just set.
        unsafe { super::crypto::ERR_pop_to_mark() };
        matches == 1
    }

    /// Hands the CA names over to the target (`SSL_CTX_set0_CA_list`).
    pub(crate) fn set_ca_names(self, names: OwnedNameStack) {
        let list = names.ptr().cast::<stack_st_X509_NAME>();
        match self {
            Target::None => return,
            Target::Context(ctx) => super::ca_lists::SSL_CTX_set0_CA_list(ctx, list),
            Target::Connection(s) => super::ca_lists::SSL_set0_CA_list(s, list),
        }
        std::mem::forget(names);
    }

    /// Applies one change of options, verify mode or certificate flags.
    pub(crate) fn apply_flags(self, change: &FlagChange) {
        match (change.kind, self) {
            (_, Target::None) => {}
            (FlagKind::Option, Target::Context(ctx)) if change.on => {
                super::ctx::SSL_CTX_set_options(ctx, change.bits);
            }
            (FlagKind::Option, Target::Context(ctx)) => {
                super::ctx::SSL_CTX_clear_options(ctx, change.bits);
            }
            (FlagKind::Option, Target::Connection(s)) if change.on => {
                super::ssl::SSL_set_options(s, change.bits);
            }
            (FlagKind::Option, Target::Connection(s)) => {
                super::ssl::SSL_clear_options(s, change.bits);
            }
            (FlagKind::Verify, Target::Context(ctx)) => {
                let mode = super::verify::SSL_CTX_get_verify_mode(ctx) as u64;
                let cb = super::verify::SSL_CTX_get_verify_callback(ctx);
                super::verify::SSL_CTX_set_verify(ctx, apply_change(mode, change) as c_int, cb);
            }
            (FlagKind::Verify, Target::Connection(s)) => {
                let mode = super::verify::SSL_get_verify_mode(s) as u64;
                let cb = super::verify::SSL_get_verify_callback(s);
                super::verify::SSL_set_verify(s, apply_change(mode, change) as c_int, cb);
            }
            (FlagKind::Cert, _) => log::warn!(
                "SSL_CONF_cmd: strict certificate checks accepted without effect: \
                 rustls checks the chains it sends and receives its own way"
            ),
        }
    }

    /// Runs a command with a value: >0 taken, 0 refused, -2 not recognised.
    pub(crate) fn run(
        self,
        action: Action,
        value: &CStr,
        conf_flags: u32,
        names: &mut CaNames,
    ) -> c_int {
        use super::cipher_lists::{SSL_set_cipher_list, SSL_set_ciphersuites};
        use super::ctx::{SSL_CTX_set_cipher_list, SSL_CTX_set_ciphersuites};
        let text = value.to_string_lossy();
        let ptr = value.as_ptr() as *mut c_void;
        match action {
            Action::Switch(change) => {
                self.apply_flags(&change);
                1
            }
            Action::List(list) => self.run_list(list, &text, conf_flags),
            Action::SignatureAlgorithms => self.ctrl_list(SET_SIGALGS_LIST, ptr),
            Action::ClientSignatureAlgorithms => self.ctrl_list(SET_CLIENT_SIGALGS_LIST, ptr),
            Action::Groups => self.ctrl_list(SET_GROUPS_LIST, ptr),
            Action::EcdhParameters => self.ecdh_parameters(&text, ptr, conf_flags),
            Action::CipherString => {
                self.set_str(value, SSL_CTX_set_cipher_list, SSL_set_cipher_list, 1)
            }
            Action::Ciphersuites => {
                self.set_str(value, SSL_CTX_set_ciphersuites, SSL_set_ciphersuites, 1)
            }
            Action::MinProtocol => self.version_bound(SET_MIN_PROTO_VERSION, &text),
            Action::MaxProtocol => self.version_bound(SET_MAX_PROTO_VERSION, &text),
            Action::Certificate => self.set_str(
                value,
                super::ctx::SSL_CTX_use_certificate_chain_file,
                super::conn_credentials::SSL_use_certificate_chain_file,
                1,
            ),
            Action::PrivateKey => self.private_key(value),
            Action::ServerInfoFile => match self {
                Target::Context(ctx) => {
                    super::ext::SSL_CTX_use_serverinfo_file(ctx, value.as_ptr())
                }
                _ => 1,
            },
            Action::Store { verify, source } => self.load_store(verify, source, value),
            Action::CaNames(source) => names.add(source, value),
            Action::DhParameters => self.dh_parameters(value),
            Action::RecordPadding => self.record_padding(atoi(&text)),
            Action::NumTickets => self.num_tickets(atoi(&text)),
        }
    }

    fn run_list(self, list: NameList, text: &str, conf_flags: u32) -> c_int {
        let parsed = parse_list(list, text, conf_flags);
        for change in &parsed.changes {
            self.apply_flags(change);
        }
        c_int::from(parsed.complete)
    }

    /// `SSL_CTX_set1_groups_list` and the signature algorithm lists: with
    /// no target, the list is checked as `SSL_CTX_ctrl(NULL, ...)` checks it.
    fn ctrl_list(self, cmd: c_int, list: *mut c_void) -> c_int {
        let target = match self {
            Target::None => Target::Context(std::ptr::null_mut()),
            t => t,
        };
        c_int::from(target.ctrl(cmd, 0, list).unwrap_or(0) > 0)
    }

    fn ecdh_parameters(self, text: &str, ptr: *mut c_void, conf_flags: u32) -> c_int {
        let automatic =
            text.eq_ignore_ascii_case("+automatic") || text.eq_ignore_ascii_case("automatic");
        if conf_flags & FLAG_FILE != 0 && automatic {
            return 1;
        }
        if conf_flags & FLAG_CMDLINE != 0 && text == "auto" {
            return 1;
        }
        if text.contains(':') {
            return 0;
        }
        c_int::from(self.ctrl(SET_GROUPS_LIST, 0, ptr).unwrap_or(1) > 0)
    }

    fn version_bound(self, cmd: c_int, text: &str) -> c_int {
        let Some(version) = protocol_version(text) else {
            return 0;
        };
        c_int::from(
            self.ctrl(cmd, version as c_long, std::ptr::null_mut())
                .unwrap_or(0)
                > 0,
        )
    }

    pub(crate) fn private_key(self, file: &CStr) -> c_int {
        match self {
            Target::None => 1,
            Target::Context(ctx) => {
                super::ctx::SSL_CTX_use_PrivateKey_file(ctx, file.as_ptr(), FILETYPE_PEM)
            }
            Target::Connection(s) => {
                super::conn_credentials::SSL_use_PrivateKey_file(s, file.as_ptr(), FILETYPE_PEM)
            }
        }
    }

    /// The verify or chain store, made and set first if there is none.
    fn store(self, verify: bool) -> *mut openssl_sys::X509_STORE {
        let (get, set) = if verify {
            (GET_VERIFY_CERT_STORE, SET_VERIFY_CERT_STORE)
        } else {
            (GET_CHAIN_CERT_STORE, SET_CHAIN_CERT_STORE)
        };
        let mut store: *mut openssl_sys::X509_STORE = std::ptr::null_mut();
        let out = (&mut store as *mut *mut openssl_sys::X509_STORE).cast();
        self.ctrl(get, 0, out);
        if store.is_null() {
            // SAFETY: a new store, handed to the target (set0) below.
            store = unsafe { openssl_sys::X509_STORE_new() };
            if store.is_null() || self.ctrl(set, 0, store.cast()).unwrap_or(0) <= 0 {
                // SAFETY: ours, not taken.
                unsafe { openssl_sys::X509_STORE_free(store) };
                return std::ptr::null_mut();
            }
        }
        store
    }

    /// The library context of the target's SSL_CTX (the default without one).
    fn lib(self) -> Lib {
        match self {
            Target::None => Lib::DEFAULT,
            Target::Context(ctx) => {
                super::handles::borrow(ctx).map_or(Lib::DEFAULT, super::lib_context::of)
            }
            Target::Connection(s) => {
                super::handles::borrow(s).map_or(Lib::DEFAULT, super::lib_context::of_connection)
            }
        }
    }

    fn load_store(self, verify: bool, source: Source, value: &CStr) -> c_int {
        if matches!(self, Target::None) {
            return 1;
        }
        let store = self.store(verify);
        if store.is_null() {
            return 0;
        }
        let lib = self.lib();
        // SAFETY: the target's live store and the caller's C string; the
        // library context is the target's SSL_CTX's, alive for the call.
        let loaded = unsafe {
            match source {
                Source::File => {
                    ex::X509_STORE_load_file_ex(store, value.as_ptr(), lib.libctx, lib.propq)
                }
                Source::Dir => x509_vfy::X509_STORE_load_path(store, value.as_ptr()),
                Source::Store => {
                    ex::X509_STORE_load_store_ex(store, value.as_ptr(), lib.libctx, lib.propq)
                }
            }
        };
        c_int::from(loaded > 0)
    }

    fn dh_parameters(self, file: &CStr) -> c_int {
        if matches!(self, Target::None) {
            return 1;
        }
        // SAFETY: the caller's C string and a static mode; the BIO is ours
        // and freed below; the key read is handed to the setter, which
        // takes it on success, or freed here.
        unsafe {
            let bio = params::BIO_new_file(file.as_ptr(), c"r".as_ptr());
            if bio.is_null() {
                return 0;
            }
            let key = params::PEM_read_bio_Parameters(bio, std::ptr::null_mut());
            openssl_sys::BIO_free_all(bio);
            if key.is_null() {
                return 0;
            }
            let id = params::EVP_PKEY_get_base_id(key);
            let taken = if id == params::PKEY_DH || id == params::PKEY_DHX {
                match self {
                    Target::Context(ctx) => {
                        super::dh_params::SSL_CTX_set0_tmp_dh_pkey(ctx, key.cast())
                    }
                    Target::Connection(s) => super::dh_params::SSL_set0_tmp_dh_pkey(s, key.cast()),
                    Target::None => 0,
                }
            } else {
                0
            };
            if taken <= 0 {
                openssl_sys::EVP_PKEY_free(key);
            }
            c_int::from(taken > 0)
        }
    }

    fn record_padding(self, block_size: i64) -> c_int {
        if block_size < 0 {
            return 0;
        }
        let size = block_size as usize;
        match self {
            Target::None => 0,
            Target::Context(ctx) => super::records::SSL_CTX_set_block_padding(ctx, size),
            Target::Connection(s) => super::records::SSL_set_block_padding(s, size),
        }
    }

    fn num_tickets(self, n: i64) -> c_int {
        if n < 0 {
            return 0;
        }
        let n = n as usize;
        match self {
            Target::None => 0,
            Target::Context(ctx) => super::cache::SSL_CTX_set_num_tickets(ctx, n),
            Target::Connection(s) => super::cache::SSL_set_num_tickets(s, n),
        }
    }
}

/// The CA names `RequestCAFile` and friends gather, handed to the target
/// by `SSL_CONF_CTX_finish`.
#[derive(Default)]
pub(crate) struct CaNames(Option<OwnedNameStack>);

impl CaNames {
    fn add(&mut self, source: Source, value: &CStr) -> c_int {
        if self.0.is_none() {
            self.0 = OwnedNameStack::new();
        }
        let Some(names) = &self.0 else {
            return 0;
        };
        let sk = names.ptr().cast::<stack_st_X509_NAME>();
        match source {
            Source::File => {
                super::ca_lists::SSL_add_file_cert_subjects_to_stack(sk, value.as_ptr())
            }
            Source::Dir => super::ca_lists::SSL_add_dir_cert_subjects_to_stack(sk, value.as_ptr()),
            Source::Store => {
                super::ca_lists::SSL_add_store_cert_subjects_to_stack(sk, value.as_ptr())
            }
        }
    }

    /// The names gathered, if any, taken out.
    pub(crate) fn take(&mut self) -> Option<OwnedNameStack> {
        self.0.take()
    }
}
