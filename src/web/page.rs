//! `GET /`: the page, embedded in the binary.
//!
//! The page is one HTML file with its CSS and JavaScript inline and no
//! external resource, so it works offline and behind any firewall. Its
//! Content-Security-Policy allows exactly that: the one inline `<script>`
//! and `<style>` by their SHA-256 hashes (computed here from the embedded
//! file, so editing the page cannot leave a stale hash behind), requests to
//! this origin only, nothing else — no other scripts, frames, forms, fonts
//! or images from anywhere.

use std::sync::LazyLock;

use axum::body::Body;
use base64::Engine as _;
use http::{HeaderValue, Response, header};
use tonic::Code;

/// The page.
const INDEX_HTML: &str = include_str!("index.html");

/// The page's Content-Security-Policy.
static CSP: LazyLock<String> = LazyLock::new(|| content_security_policy(INDEX_HTML));

/// `GET /`.
pub async fn index() -> Response<Body> {
    let mut response = Response::new(Body::from(INDEX_HTML));
    let headers = response.headers_mut();
    let static_headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    for (name, value) in static_headers {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Ok(csp) = HeaderValue::from_str(&CSP) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    response.extensions_mut().insert(Code::Ok);
    response
}

/// A policy allowing the inline `<script>` and `<style>` elements of `html`
/// by hash, and requests to this origin.
fn content_security_policy(html: &str) -> String {
    let scripts = hashes(html, "script");
    let styles = hashes(html, "style");
    format!(
        "default-src 'none'; script-src {scripts}; style-src {styles}; \
         connect-src 'self'; img-src 'self' data:; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'"
    )
}

/// `'sha256-…'` sources for the content of every `<tag>` element.
fn hashes(html: &str, tag: &str) -> String {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut sources = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let content = &rest[start + open.len()..];
        let Some(end) = content.find(&close) else {
            break;
        };
        let digest = ring::digest::digest(&ring::digest::SHA256, &content.as_bytes()[..end]);
        let encoded = base64::engine::general_purpose::STANDARD.encode(digest.as_ref());
        sources.push(format!("'sha256-{encoded}'"));
        rest = &content[end..];
    }
    match sources.is_empty() {
        true => "'none'".to_string(),
        false => sources.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_one_script_and_one_style_and_no_outside_resource() {
        assert_eq!(INDEX_HTML.matches("<script").count(), 1);
        assert_eq!(INDEX_HTML.matches("<style").count(), 1);
        for outside in ["://", "@import", "stylesheet", "src=", "url("] {
            assert!(!INDEX_HTML.contains(outside), "{outside}");
        }
        let csp = content_security_policy(INDEX_HTML);
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
        assert!(!csp.contains("unsafe"));
    }

    #[test]
    fn hashes_are_of_the_element_content() {
        // echo -n 'a' | sha256sum | xxd -r -p | base64
        assert_eq!(
            hashes("<p><script>a</script>", "script"),
            "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='"
        );
        assert_eq!(hashes("<p>", "style"), "'none'");
    }
}
