//! Test certificates made with the `openssl` command line at test time (Debian package
//! `openssl`), each set in its own directory: a temporary one, or one the test keeps.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

use super::tools::require;

/// A certificate file and its private key.
pub struct Issued {
    pub certificate: PathBuf,
    pub key: PathBuf,
}

/// A directory of certificates made for one test.
pub struct CertificateLab {
    dir: PathBuf,
    /// Removes the directory with the lab when it is a temporary one.
    _temporary: Option<TempDir>,
    openssl: PathBuf,
}

impl CertificateLab {
    /// Certificates in a temporary directory that goes with the lab.
    pub fn new() -> CertificateLab {
        let temporary = tempfile::tempdir().unwrap();
        CertificateLab {
            dir: temporary.path().to_path_buf(),
            _temporary: Some(temporary),
            openssl: require("openssl", "openssl"),
        }
    }

    /// Certificates in `dir` (created), which outlives the lab, e.g. for a server's config.
    pub fn in_dir(dir: &Path) -> CertificateLab {
        std::fs::create_dir_all(dir).unwrap();
        CertificateLab {
            dir: dir.to_path_buf(),
            _temporary: None,
            openssl: require("openssl", "openssl"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// What `openssl req -x509` makes for a PBX: self-signed, CA:TRUE (the openssl default),
    /// valid for `subject_alt_name` (`IP:127.0.0.1`, `DNS:pbx.example`).
    pub fn self_signed(&self, name: &str, subject_alt_name: &str) -> Issued {
        let issued = self.names(name);
        self.run(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Handset test PBX",
            "-addext",
            &format!("subjectAltName={subject_alt_name}"),
            "-keyout",
            path_str(&issued.key),
            "-out",
            path_str(&issued.certificate),
        ]);
        issued
    }

    /// An old-style self-signed certificate naming its host only as the subject's common
    /// name, with no subjectAltName (what many PBX setup scripts still make).
    pub fn self_signed_common_name_only(&self, name: &str, common_name: &str) -> Issued {
        let issued = self.names(name);
        self.run(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            &format!("/O=Handset test/CN={common_name}"),
            "-keyout",
            path_str(&issued.key),
            "-out",
            path_str(&issued.certificate),
        ]);
        issued
    }

    /// A small CA certificate that can sign leaves with [`CertificateLab::leaf`].
    pub fn certificate_authority(&self, name: &str) -> Issued {
        let issued = self.names(name);
        self.run(&[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Handset test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout",
            path_str(&issued.key),
            "-out",
            path_str(&issued.certificate),
        ]);
        issued
    }

    /// A server certificate (CA:FALSE) for `subject_alt_name`, signed by `ca`, valid from
    /// `start` to `end` (openssl's `YYYYMMDDHHMMSSZ`).
    pub fn leaf(&self, name: &str, subject_alt_name: &str, ca: &Issued, dates: Dates) -> Issued {
        let extensions = format!(
            "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n\
             extendedKeyUsage=serverAuth\nsubjectAltName={subject_alt_name}\n"
        );
        self.signed(
            name,
            "/CN=Handset test SIP server",
            &extensions,
            Some(ca),
            dates,
        )
    }

    /// A self-signed CA:TRUE certificate like [`CertificateLab::self_signed`] but with chosen
    /// dates, to check that a pinned certificate's dates still count.
    pub fn self_signed_dated(&self, name: &str, subject_alt_name: &str, dates: Dates) -> Issued {
        let extensions =
            format!("basicConstraints=critical,CA:TRUE\nsubjectAltName={subject_alt_name}\n");
        self.signed(name, "/CN=Handset test PBX", &extensions, None, dates)
    }

    /// A new key and a certificate for it with `extensions`, dated `dates`, signed by `ca`
    /// (or by its own key when `None`) through `openssl ca`, which alone takes chosen dates.
    fn signed(
        &self,
        name: &str,
        subject: &str,
        extensions: &str,
        ca: Option<&Issued>,
        dates: Dates,
    ) -> Issued {
        let issued = self.names(name);
        let request = self.path(&format!("{name}.csr"));
        self.run(&[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-subj",
            subject,
            "-keyout",
            path_str(&issued.key),
            "-out",
            path_str(&request),
        ]);
        let extfile = self.path(&format!("{name}.ext"));
        std::fs::write(&extfile, extensions).unwrap();
        let config = self.ca_database(name);
        let mut args = vec!["ca", "-batch", "-notext", "-config", path_str(&config)];
        match ca {
            Some(ca) => args.extend([
                "-cert",
                path_str(&ca.certificate),
                "-keyfile",
                path_str(&ca.key),
            ]),
            None => args.extend(["-selfsign", "-keyfile", path_str(&issued.key)]),
        }
        args.extend([
            "-in",
            path_str(&request),
            "-out",
            path_str(&issued.certificate),
            "-extfile",
            path_str(&extfile),
            "-startdate",
            dates.start,
            "-enddate",
            dates.end,
        ]);
        self.run(&args);
        issued
    }

    /// `openssl ca` wants a database, a serial file and a policy; one fresh set per signing.
    fn ca_database(&self, name: &str) -> PathBuf {
        let dir = self.path(&format!("{name}.ca"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "1000\n").unwrap();
        let config = dir.join("ca.cnf");
        std::fs::write(
            &config,
            format!(
                "[ca]\ndefault_ca = lab\n[lab]\ndir = {dir}\ndatabase = $dir/index.txt\n\
                 new_certs_dir = $dir\nserial = $dir/serial\ndefault_md = sha256\n\
                 policy = anything\nunique_subject = no\n[anything]\ncommonName = supplied\n",
                dir = dir.display()
            ),
        )
        .unwrap();
        config
    }

    fn names(&self, name: &str) -> Issued {
        Issued {
            certificate: self.path(&format!("{name}.pem")),
            key: self.path(&format!("{name}.key")),
        }
    }

    fn run(&self, args: &[&str]) {
        let output = Command::new(&self.openssl)
            .args(args)
            .current_dir(&self.dir)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "openssl {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A validity period as openssl takes it.
#[derive(Clone, Copy)]
pub struct Dates {
    pub start: &'static str,
    pub end: &'static str,
}

/// Valid now (until 2049, the last year a UTCTime can say).
pub const CURRENT: Dates = Dates {
    start: "20200101000000Z",
    end: "20491231000000Z",
};
/// Ended long ago.
pub const EXPIRED: Dates = Dates {
    start: "20200101000000Z",
    end: "20200201000000Z",
};
/// Starts far in the future (a GeneralizedTime, so both time forms get read).
pub const NOT_YET_VALID: Dates = Dates {
    start: "20900101000000Z",
    end: "20910101000000Z",
};

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A TLS handshake with `openssl s_client` that verifies the server against `certificate`;
/// returns s_client's output.
pub fn openssl_handshake(port: u16, certificate: &Path) -> String {
    let openssl = require("openssl", "openssl");
    let output = Command::new(openssl)
        .args(["s_client", "-connect", &format!("127.0.0.1:{port}")])
        .args(["-verify_return_error", "-verify_ip", "127.0.0.1", "-CAfile"])
        .arg(certificate)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
