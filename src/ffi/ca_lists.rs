//! CA name lists beyond the client CA list (`SSL_CTX_set0_CA_list(3)`,
//! `SSL_add_file_cert_subjects_to_stack(3)`, ...): not in sessl; each fails.

use std::ffi::c_char;
use std::os::raw::c_int;

use super::boundary::entry;
use super::types::*;
use super::unsupported::unsupported;

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_add1_to_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_add1_to_CA_list(_ctx: *mut SSL_CTX, _x: *const X509) -> c_int {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_CTX_get0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_get0_CA_list(_ctx: *const SSL_CTX) -> *const stack_st_X509_NAME {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_CTX_set0_CA_list(_ctx: *mut SSL_CTX, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_add1_to_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_add1_to_CA_list(_ssl: *mut SSL, _x: *const X509) -> c_int {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_add_client_CA`: no per-connection client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_client_CA(_ssl: *mut SSL, _x: *mut X509) -> c_int {
    entry!({ unsupported!("no per-connection client CA list in sessl") })
}

/// SSL_load_client_CA_file(3): `SSL_add_dir_cert_subjects_to_stack`: not in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_dir_cert_subjects_to_stack(
    _stackCAs: *mut stack_st_X509_NAME,
    _dir: *const c_char,
) -> c_int {
    entry!({ unsupported!("not in sessl") })
}

/// SSL_load_client_CA_file(3): `SSL_add_file_cert_subjects_to_stack`: not in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_file_cert_subjects_to_stack(
    _stackCAs: *mut stack_st_X509_NAME,
    _file: *const c_char,
) -> c_int {
    entry!({ unsupported!("not in sessl") })
}

/// SSL_load_client_CA_file(3): `SSL_add_store_cert_subjects_to_stack`: not in sessl.
#[no_mangle]
pub extern "C" fn SSL_add_store_cert_subjects_to_stack(
    _stackCAs: *mut stack_st_X509_NAME,
    _uri: *const c_char,
) -> c_int {
    entry!({ unsupported!("not in sessl") })
}

/// `SSL_dup_CA_list` (no man page): not in sessl.
#[no_mangle]
pub extern "C" fn SSL_dup_CA_list(_sk: *const stack_st_X509_NAME) -> *mut stack_st_X509_NAME {
    entry!({ unsupported!("not in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_get0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_get0_CA_list(_s: *const SSL) -> *const stack_st_X509_NAME {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_load_client_CA_file(3): `SSL_load_client_CA_file_ex`: no library contexts in sessl: use SSL_load_client_CA_file.
#[no_mangle]
pub extern "C" fn SSL_load_client_CA_file_ex(
    _file: *const c_char,
    _libctx: *mut OSSL_LIB_CTX,
    _propq: *const c_char,
) -> *mut stack_st_X509_NAME {
    entry!({ unsupported!("no library contexts in sessl: use SSL_load_client_CA_file") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_set0_CA_list`: no CA name list apart from the client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_set0_CA_list(_s: *mut SSL, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no CA name list apart from the client CA list in sessl") })
}

/// SSL_CTX_set0_CA_list(3): `SSL_set_client_CA_list`: no per-connection client CA list in sessl.
#[no_mangle]
pub extern "C" fn SSL_set_client_CA_list(_s: *mut SSL, _name_list: *mut stack_st_X509_NAME) {
    entry!({ unsupported!("no per-connection client CA list in sessl") })
}
