//! Reaching a server from the command line, shared by `health` and
//! `extract --server`: addresses as URLs and the TLS trust settings.

use std::path::Path;

use tonic::transport::{Certificate, ClientTlsConfig};

/// `host:port` or a URL, as a URL; a wildcard listen address becomes the
/// matching loopback address (so a container checks the address it serves
/// on). `tls` turns a `host:port` into `https://`.
pub fn endpoint_uri(addr: &str, tls: bool) -> String {
    let uri = if addr.contains("://") {
        addr.to_string()
    } else if tls {
        format!("https://{addr}")
    } else {
        format!("http://{addr}")
    };
    uri.replacen("://0.0.0.0", "://127.0.0.1", 1)
        .replacen("://[::]", "://[::1]", 1)
}

/// Trust the CA in the PEM file `ca`; expect `domain` on the server's
/// certificate when it is not the host dialled.
pub fn client_tls(ca: &Path, domain: Option<&str>) -> Result<ClientTlsConfig, String> {
    let pem = std::fs::read(ca).map_err(|e| format!("cannot read {}: {e}", ca.display()))?;
    let tls = ClientTlsConfig::new().ca_certificate(Certificate::from_pem(pem));
    Ok(match domain {
        Some(domain) => tls.domain_name(domain),
        None => tls,
    })
}

#[cfg(test)]
mod tests {
    use super::endpoint_uri;

    #[test]
    fn addresses_become_urls() {
        assert_eq!(
            endpoint_uri("0.0.0.0:50051", false),
            "http://127.0.0.1:50051"
        );
        assert_eq!(endpoint_uri("[::]:50051", false), "http://[::1]:50051");
        assert_eq!(
            endpoint_uri("example.org:80", false),
            "http://example.org:80"
        );
        assert_eq!(
            endpoint_uri("example.org:443", true),
            "https://example.org:443"
        );
        assert_eq!(
            endpoint_uri("https://a.test:443", false),
            "https://a.test:443"
        );
    }
}
