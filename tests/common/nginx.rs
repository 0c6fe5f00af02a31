//! nginx (Debian's, linked against libssl.so.3) started on a free port in a
//! scratch directory, the way a [`Mode`] asks, and stopped when dropped.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::*;

/// A running nginx: its master process, port and scratch directory.
pub struct Nginx {
    pub child: Child,
    pub port: u16,
    pub dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        stop_group(&mut self.child);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Starts nginx with one HTTPS server on 127.0.0.1 whose page reports
/// `$ssl_session_reused` and `$ssl_protocol`; `sessions` are its session directives.
pub fn start(mode: Mode, sessions: &str) -> Nginx {
    start_with(
        mode,
        &format!(
            r#"server {{
    listen 127.0.0.1:PORT ssl;
    ssl_certificate CERTS/server-chain.pem;
    ssl_certificate_key CERTS/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    {sessions}
    location / {{ return 200 "reused=$ssl_session_reused protocol=$ssl_protocol\n"; }}
  }}"#
        ),
    )
}

/// Starts nginx with the `server` blocks `servers` (their `PORT`,
/// `CERTS` and `TICKET_KEY` are replaced).
pub fn start_with(mode: Mode, servers: &str) -> Nginx {
    start_with_env(mode, servers, &[])
}

/// `start_with`, the master given the variables `env` too; its standard
/// error goes to `stderr.log` in its directory.
pub fn start_with_env(mode: Mode, servers: &str, env: &[(&str, String)]) -> Nginx {
    let certs = test_certs();
    let port = free_port();
    let dir = build_dir(&format!("nginx-{port}"));
    std::fs::create_dir_all(dir.join("tmp")).unwrap();
    let key = dir.join("ticket.key");
    std::fs::write(
        &key,
        (0..80u8).map(|i| i.wrapping_mul(37)).collect::<Vec<u8>>(),
    )
    .unwrap();
    let servers = servers
        .replace("TICKET_KEY", &key.display().to_string())
        .replace("PORT", &port.to_string())
        .replace("CERTS", &certs.display().to_string());
    let conf = format!(
        r#"worker_processes 1;
daemon off;
error_log {dir}/error.log info;
pid {dir}/nginx.pid;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp;
  uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;
  {servers}
}}
"#,
        dir = dir.display(),
    );
    let conf_path = dir.join("nginx.conf");
    std::fs::write(&conf_path, conf).unwrap();
    let mut cmd = Command::new("/usr/sbin/nginx");
    cmd.arg("-p").arg(&dir).arg("-c").arg(&conf_path);
    let stderr = std::fs::File::create(dir.join("stderr.log")).unwrap();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr);
    apply_mode(&mut cmd, mode);
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    let nginx = Nginx {
        child: cmd.process_group(0).spawn().expect("nginx"),
        port,
        dir,
    };
    assert!(
        wait_for_port(port),
        "{mode:?}: nginx did not start: {}",
        error_log(&nginx)
    );
    nginx
}

/// nginx's error log so far.
pub fn error_log(n: &Nginx) -> String {
    std::fs::read_to_string(n.dir.join("error.log")).unwrap_or_default()
}

/// Two pages over two connections from one curl on the system libssl (with
/// `extra` arguments); returns nginx's `reused=` words.
pub fn curl_twice(n: &Nginx, extra: &[&str]) -> Vec<String> {
    let url = format!("https://localhost:{}/", n.port);
    let out = Command::new("timeout")
        .args([
            "30",
            "curl",
            "-sS",
            "-H",
            "Connection: close",
            "--cacert",
            &test_certs().join("ca.pem").display().to_string(),
        ])
        .args(extra)
        .arg(&url)
        .arg(&url)
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LD_PRELOAD")
        .output()
        .expect("curl");
    assert!(
        out.status.success(),
        "curl: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        error_log(n)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split(' ').next().unwrap_or("").to_string())
        .collect()
}
