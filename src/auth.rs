//! Bearer-token authentication for the attribution service.
//!
//! Tokens come from a file, one per line (blank lines and lines starting
//! with `#` are skipped), so that an operator can rotate them by listing the
//! old and the new token side by side. A caller sends
//! `authorization: Bearer <token>`; a missing or unknown token is refused
//! with UNAUTHENTICATED before the call reaches a handler. The health service
//! stays open so that load balancers and Kubernetes probes need no secret.
//!
//! Tokens are compared in constant time (`subtle`), and every configured
//! token is compared, so the time taken does not reveal which token, or how
//! much of one, matched. Only the length of a token can show through.

use subtle::ConstantTimeEq;
use thiserror::Error;
use tonic::metadata::MetadataMap;
use tonic::{Request, Status};

/// The tokens a server accepts.
#[derive(Clone)]
pub struct BearerTokens {
    tokens: Vec<Vec<u8>>,
}

impl std::fmt::Debug for BearerTokens {
    // Never print the secrets themselves.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BearerTokens({} token(s))", self.tokens.len())
    }
}

/// Why a token file cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TokenFileError {
    #[error("the token file lists no token (one token per line)")]
    NoTokens,
    #[error("line {line} of the token file holds whitespace inside a token")]
    Whitespace { line: usize },
}

impl BearerTokens {
    /// Parses a token file: one token per line, `#` comments, blank lines.
    pub fn parse(contents: &str) -> Result<BearerTokens, TokenFileError> {
        let mut tokens = Vec::new();
        for (i, line) in contents.lines().enumerate() {
            let token = line.trim();
            if token.is_empty() || token.starts_with('#') {
                continue;
            }
            if token.contains(char::is_whitespace) {
                return Err(TokenFileError::Whitespace { line: i + 1 });
            }
            tokens.push(token.as_bytes().to_vec());
        }
        if tokens.is_empty() {
            return Err(TokenFileError::NoTokens);
        }
        Ok(BearerTokens { tokens })
    }

    /// Whether `candidate` is one of the tokens, in time independent of
    /// which token (if any) it matches.
    pub fn accepts(&self, candidate: &[u8]) -> bool {
        let mut matched = subtle::Choice::from(0);
        for token in &self.tokens {
            matched |= token.as_slice().ct_eq(candidate);
        }
        matched.into()
    }

    /// Checks the `authorization` metadata of a call.
    pub fn check(&self, metadata: &MetadataMap) -> Result<(), Status> {
        let Some(value) = metadata.get("authorization") else {
            return Err(Status::unauthenticated(
                "missing `authorization: Bearer <token>` metadata",
            ));
        };
        let token = value
            .as_bytes()
            .strip_prefix(b"Bearer ")
            .ok_or_else(|| Status::unauthenticated("`authorization` is not a Bearer token"))?;
        if self.accepts(token) {
            Ok(())
        } else {
            Err(Status::unauthenticated("invalid bearer token"))
        }
    }
}

/// Checks a request against `tokens` when authentication is configured.
pub fn authorize<T>(tokens: Option<&BearerTokens>, request: &Request<T>) -> Result<(), Status> {
    match tokens {
        Some(tokens) => tokens.check(request.metadata()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonic::Code;

    fn metadata(authorization: Option<&str>) -> MetadataMap {
        let mut map = MetadataMap::new();
        if let Some(value) = authorization {
            map.insert("authorization", value.parse().unwrap());
        }
        map
    }

    #[test]
    fn parses_one_token_per_line_skipping_comments_and_blanks() {
        let tokens =
            BearerTokens::parse("# rotated 2026-01\nold-token\n\n  new-token  \n").unwrap();
        assert!(tokens.accepts(b"old-token"));
        assert!(tokens.accepts(b"new-token"));
        assert!(!tokens.accepts(b"new-toke"));
        assert!(!tokens.accepts(b""));
        assert!(!format!("{tokens:?}").contains("token\""));
    }

    #[test]
    fn rejects_files_without_usable_tokens() {
        assert_eq!(
            BearerTokens::parse("\n# none\n").unwrap_err(),
            TokenFileError::NoTokens
        );
        assert_eq!(
            BearerTokens::parse("ok\nsplit token\n").unwrap_err(),
            TokenFileError::Whitespace { line: 2 }
        );
    }

    #[test]
    fn missing_malformed_and_wrong_tokens_are_unauthenticated() {
        let tokens = BearerTokens::parse("s3cret").unwrap();
        assert!(tokens.check(&metadata(Some("Bearer s3cret"))).is_ok());
        for bad in [
            None,
            Some("s3cret"),
            Some("Basic s3cret"),
            Some("Bearer wrong"),
        ] {
            let status = tokens.check(&metadata(bad)).unwrap_err();
            assert_eq!(status.code(), Code::Unauthenticated, "{bad:?}");
        }
    }
}
