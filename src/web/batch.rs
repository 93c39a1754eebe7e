//! `POST /v1/extract:batch`: JSON Lines in, JSON Lines out.
//!
//! Each non-blank line of the body is one `ExtractRequest` in the proto3 JSON
//! mapping (`curl --data-binary @articles.jsonl`); the answer has one line
//! per request line, in the same order: its `ExtractResponse`, or for a bad
//! line its error as a `google.rpc.Status` in JSON (the body of the HTTP
//! error it would have got alone, its message starting `line N:`), and the
//! batch goes on. So a line's answer can be told by `"code"` (an error) or
//! its absence.
//!
//! The body is read and answered as a stream, so a batch may be far larger
//! than `--max-message-size` (one line may not) and memory stays bounded: at
//! most [`WINDOW`] lines are extracted at once and the body is read no
//! further ahead. Every line is one call of the gRPC service's `Extract`,
//! carrying the batch's token and deadline; a server at its overload limit
//! refuses single lines (RESOURCE_EXHAUSTED in place), not the batch. Only a
//! refusal of the whole call (a missing token) is an HTTP error.

use std::convert::Infallible;

use axum::body::{Body, BodyDataStream};
use axum::extract::{Request, State};
use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt, stream};
use http::{HeaderValue, Response, header};
use tonic::{Code, Status};

use super::{Admitted, HttpApi, HttpStatus, RequestError, parse_request};
use crate::convert::write_json_line;

/// Lines of one batch extracted at once.
const WINDOW: usize = 8;

/// `POST /v1/extract:batch`.
pub async fn extract_batch(State(api): State<HttpApi>, request: Request) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let admitted = match api.admit(&parts.headers) {
        Ok(admitted) => admitted,
        Err(status) => return HttpStatus::from_status(&status).into_response(),
    };
    let limit = api.max_message_size;
    let answers = lines(body.into_data_stream(), limit)
        .map(move |(number, line)| {
            let api = api.clone();
            let admitted = admitted.clone();
            async move { answer_line(&api, &admitted, number, line).await }
        })
        .buffered(WINDOW)
        .map(Ok::<_, Infallible>);
    let mut response = Response::new(Body::from_stream(answers));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/jsonl"),
    );
    response.extensions_mut().insert(Code::Ok);
    response
}

/// The answer to line `number`: its response or its error, one JSON line.
async fn answer_line(
    api: &HttpApi,
    admitted: &Admitted,
    number: usize,
    line: Result<Bytes, RequestError>,
) -> Bytes {
    let answer = match line.and_then(|line| parse_request(&line)) {
        Ok(request) => api.extract(admitted, request).await,
        Err(error) => Err(Status::from(error)),
    };
    let mut json = Vec::new();
    let written = answer.and_then(|response| {
        write_json_line(&mut json, &response).map_err(|err| Status::internal(err.to_string()))
    });
    if let Err(status) = written {
        let mut error = HttpStatus::from_status(&status);
        error.body.message = format!("line {number}: {}", status.message());
        json = error.json_line();
    }
    Bytes::from(json)
}

/// The body's non-blank lines, numbered from 1. A line over `limit` bytes
/// is an error in its place (the rest of it is skipped unread), and a body
/// that breaks off ends the lines with an error.
fn lines(
    body: BodyDataStream,
    limit: usize,
) -> impl Stream<Item = (usize, Result<Bytes, RequestError>)> {
    let reader = LineReader {
        body,
        limit,
        buffer: BytesMut::new(),
        scanned: 0,
        number: 0,
        skipping: false,
        done: false,
    };
    stream::unfold(reader, |mut reader| async move {
        let line = reader.next_line().await?;
        Some((line, reader))
    })
}

struct LineReader {
    body: BodyDataStream,
    limit: usize,
    /// Bytes read and not yet split off as lines.
    buffer: BytesMut,
    /// How much of `buffer` is known to hold no newline.
    scanned: usize,
    /// Lines split off so far.
    number: usize,
    /// Inside a line already answered as too large.
    skipping: bool,
    /// The body has ended.
    done: bool,
}

impl LineReader {
    async fn next_line(&mut self) -> Option<(usize, Result<Bytes, RequestError>)> {
        loop {
            if let Some(line) = self.split_line() {
                self.number += 1;
                if std::mem::take(&mut self.skipping) || is_blank(&line) {
                    continue;
                }
                if line.len() > self.limit {
                    return Some((self.number, Err(self.too_large())));
                }
                return Some((self.number, Ok(line)));
            }
            if self.skipping {
                self.buffer.clear();
                self.scanned = 0;
            } else if self.buffer.len() > self.limit {
                // Answered now; its end is skipped when it comes.
                self.skipping = true;
                return Some((self.number + 1, Err(self.too_large())));
            }
            if self.done {
                return self.last_line();
            }
            match self.body.next().await {
                Some(Ok(chunk)) => self.buffer.extend_from_slice(&chunk),
                Some(Err(err)) => {
                    self.done = true;
                    self.skipping = true;
                    return Some((self.number + 1, Err(RequestError::Read(err.to_string()))));
                }
                None => self.done = true,
            }
        }
    }

    /// The next complete line, without its line ending.
    fn split_line(&mut self) -> Option<Bytes> {
        let at = self.buffer[self.scanned..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| self.scanned + i);
        let Some(at) = at else {
            self.scanned = self.buffer.len();
            return None;
        };
        let mut line = self.buffer.split_to(at + 1);
        self.scanned = 0;
        line.truncate(at);
        Some(line.freeze())
    }

    /// What is left when the body ends without a final newline.
    fn last_line(&mut self) -> Option<(usize, Result<Bytes, RequestError>)> {
        let line = self.buffer.split().freeze();
        self.scanned = 0;
        if self.skipping || is_blank(&line) {
            return None;
        }
        self.number += 1;
        Some((self.number, Ok(line)))
    }

    fn too_large(&self) -> RequestError {
        RequestError::TooLarge { limit: self.limit }
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read(chunks: &[&'static str], limit: usize) -> Vec<(usize, Result<String, String>)> {
        let chunks: Vec<Result<Bytes, Infallible>> = chunks
            .iter()
            .map(|chunk| Ok(Bytes::from_static(chunk.as_bytes())))
            .collect();
        let body = Body::from_stream(stream::iter(chunks)).into_data_stream();
        lines(body, limit)
            .map(|(number, line)| {
                let line = line
                    .map(|bytes| String::from_utf8(bytes.to_vec()).unwrap())
                    .map_err(|err| err.to_string());
                (number, line)
            })
            .collect()
            .await
    }

    #[tokio::test]
    async fn lines_across_chunks_blank_lines_and_no_final_newline() {
        let lines = read(&["a\n\nb", "c\r\n", "  \n", "d"], 100).await;
        let ok: Vec<_> = lines
            .into_iter()
            .map(|(n, line)| (n, line.unwrap()))
            .collect();
        assert_eq!(ok, [(1, "a".into()), (3, "bc\r".into()), (5, "d".into())]);
    }

    #[tokio::test]
    async fn a_long_line_is_an_error_in_its_place() {
        let lines = read(
            &["ok\n", "0123456789", "0123456789\nnext\n", "0123456789abc"],
            8,
        )
        .await;
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert_eq!(lines[0], (1, Ok("ok".into())));
        assert_eq!(lines[1].0, 2);
        assert!(lines[1].1.as_ref().unwrap_err().contains("over 8 bytes"));
        assert_eq!(lines[2], (3, Ok("next".into())));
        assert_eq!(lines[3].0, 4);
        assert!(lines[3].1.is_err());
    }
}
