//! The `attributor` binary as a user runs it.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use attributor::engine::ENGINE_VERSION;
use attributor::proto::ExtractResponse;
use attributor::server::ServerConfig;
use common::{ARTICLE, TestServer, assert_well_formed};

fn attributor() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_attributor"));
    // The tests must not depend on the environment they run in.
    for (key, _) in std::env::vars() {
        if key.starts_with("ATTRIBUTOR_") {
            command.env_remove(key);
        }
    }
    command.env_remove("RUST_LOG");
    command
}

fn run_with_stdin(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn attributor");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Parses a line with the proto3 JSON mapping, as any grpcurl output would be.
fn parse_response(line: &str) -> ExtractResponse {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not an ExtractResponse: {e}: {line}"))
}

#[test]
fn extract_reads_stdin_and_prints_one_json_response() {
    let mut command = attributor();
    command.arg("extract");
    let output = run_with_stdin(command, ARTICLE);
    assert!(output.status.success(), "{output:?}");
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let json: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(json["engineVersion"], ENGINE_VERSION, "lowerCamelCase keys");
    let response = parse_response(&lines[0]);
    assert_well_formed(ARTICLE, &response);
}

#[test]
fn extract_jsonl_reports_bad_lines_and_goes_on() {
    let article = serde_json::to_string(ARTICLE).unwrap();
    let input = format!(
        "{{\"id\":\"a\",\"text\":{article}}}\n\
         {{not json\n\
         {{\"id\":\"c\",\"text\":\"\"}}\n\
         \n\
         {{\"id\":\"e\",\"text\":{article},\"published\":\"not-a-date\"}}\n\
         {{\"id\":\"f\",\"txt\":\"typo\"}}\n\
         {{\"id\":\"g\",\"text\":{article}}}\n\
         {{\"id\":\"h\",\"source\":\"x\",\"text\":{article},\"quotes\":[],\"meta\":{{}}}}\n"
    );
    let mut command = attributor();
    command.args(["extract", "--jsonl"]);
    let output = run_with_stdin(command, &input);
    assert!(!output.status.success(), "a failed line fails the run");

    let ids: Vec<_> = stdout_lines(&output)
        .iter()
        .map(|line| parse_response(line).document_id)
        .collect();
    assert_eq!(ids, ["a", "g", "h"], "extra keys are ignored");

    let stderr = String::from_utf8(output.stderr).unwrap();
    for expected in [
        "line 2:",
        "line 3:",
        "line 5:",
        "line 6:",
        "`text`",
        "`published`",
    ] {
        assert!(
            stderr.contains(expected),
            "stderr lacks {expected:?}:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("line 4:"),
        "blank lines are skipped:\n{stderr}"
    );
    assert!(!stderr.contains("line 7:"), "{stderr}");
    assert!(!stderr.contains("line 8:"), "{stderr}");
}

#[test]
fn extract_names_each_file_document_by_its_path() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("cli-article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    let missing = dir.join("no-such-article.txt");
    let output = attributor()
        .arg("extract")
        .arg(&path)
        .arg(&missing)
        .output()
        .unwrap();
    assert!(!output.status.success(), "a missing file fails the run");
    let lines = stdout_lines(&output);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        parse_response(&lines[0]).document_id,
        path.display().to_string()
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no-such-article.txt"), "{stderr}");
}

#[test]
fn serve_help_documents_every_env_var() {
    let output = attributor().args(["serve", "--help"]).output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "ATTRIBUTOR_ADDR",
        "0.0.0.0:50051",
        "ATTRIBUTOR_MAX_MESSAGE_SIZE",
        "8MiB",
        "ATTRIBUTOR_DRAIN_TIMEOUT",
        "ATTRIBUTOR_LOG_FORMAT",
        "ATTRIBUTOR_METRICS_ADDR",
        "ATTRIBUTOR_TLS_CERT",
        "ATTRIBUTOR_AUTH_TOKEN_FILE",
        "ATTRIBUTOR_MAX_QUEUED_EXTRACTIONS",
    ] {
        assert!(help.contains(expected), "help lacks {expected}:\n{help}");
    }
}

#[tokio::test]
async fn health_exits_zero_only_while_serving() {
    let config = ServerConfig {
        shutdown_grace: Duration::from_secs(60),
        ..ServerConfig::default()
    };
    let mut server = TestServer::with_config(config).await;
    let addr = server.addr.to_string();
    let check = move || {
        let addr = addr.clone();
        tokio::task::spawn_blocking(move || {
            attributor()
                .args(["health", "--addr", &addr])
                .output()
                .unwrap()
        })
    };

    let output = check().await.unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "SERVING");

    server.begin_shutdown();
    let client = server.client().await;
    common::wait_for("NOT_SERVING", || async {
        client.health("").await.ok() == Some(attributor_client::ServingStatus::NotServing)
    })
    .await;
    let output = check().await.unwrap();
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "NOT_SERVING"
    );
}

#[test]
fn health_fails_when_nothing_listens() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let output = attributor()
        .args(["health", "--addr", &addr, "--timeout", "2s"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!output.stderr.is_empty());
}

/// The whole binary: serve on a free port, answer health, log each document
/// at DEBUG (as the README tells operators to ask for it), exit 0 on SIGTERM.
#[cfg(unix)]
#[test]
fn serve_exits_zero_on_sigterm() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let addr = format!("127.0.0.1:{port}");
    let server = attributor()
        .args(["serve", "--log-format", "json"])
        .env("ATTRIBUTOR_ADDR", &addr)
        .env("RUST_LOG", "info,attributor=debug")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let healthy = (0..200).any(|_| {
        let ok = attributor()
            .args(["health", "--addr", &addr])
            .output()
            .unwrap()
            .status
            .success();
        if !ok {
            std::thread::sleep(Duration::from_millis(50));
        }
        ok
    });
    if healthy {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let response = runtime.block_on(async {
            let client = attributor_client::Client::connect(format!("http://{addr}")).await?;
            Ok::<_, Box<dyn std::error::Error>>(
                client.extract(ARTICLE).document_id("logged").await?,
            )
        });
        assert_eq!(response.expect("extract").document_id, "logged");
    }
    let killed = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = server.wait_with_output().unwrap();
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(healthy, "server never became healthy:\n{logs}");
    assert!(
        output.status.success(),
        "exit status {:?}:\n{logs}",
        output.status
    );
    assert!(logs.contains("SIGTERM"), "{logs}");
    let lines: Vec<serde_json::Value> = logs
        .lines()
        .map(|line| serde_json::from_str(line).expect("--log-format json writes JSON lines"))
        .collect();
    let request_lines: Vec<_> = lines
        .iter()
        .filter(|line| line["document_id"] == "logged")
        .collect();
    assert_eq!(request_lines.len(), 1, "one line per request:\n{logs}");
    let line = request_lines[0];
    assert_eq!(line["text_bytes"], ARTICLE.len());
    assert!(line["statements"].is_u64(), "{line}");
    assert!(line["latency_ms"].is_f64(), "{line}");
}

/// `--jsonl` input: the article under repeated, empty and unique ids, a bad
/// line and an empty text.
fn bulk_input(n: usize) -> String {
    let article = serde_json::to_string(ARTICLE).unwrap();
    let mut input = String::new();
    for i in 0..n {
        let id = match i % 7 {
            0 => String::new(),
            _ => format!("doc-{i}"),
        };
        input.push_str(&format!("{{\"id\":\"{id}\",\"text\":{article}}}\n"));
        if i == n / 2 {
            input.push_str("{not json\n{\"id\":\"empty\",\"text\":\"\"}\n");
        }
    }
    input
}

#[tokio::test]
async fn extract_with_server_prints_what_a_local_run_prints() {
    let server = TestServer::start_default().await;
    let other = TestServer::start_default().await;
    let servers = format!("{},{}", server.addr, other.addr);
    let input = bulk_input(60);
    let (local, remote) = tokio::task::spawn_blocking(move || {
        let mut local = attributor();
        local.args(["extract", "--jsonl"]);
        let mut remote = attributor();
        remote.args(["extract", "--jsonl", "--server", &servers]);
        (
            run_with_stdin(local, &input),
            run_with_stdin(remote, &input),
        )
    })
    .await
    .unwrap();
    assert_eq!(local.status.code(), Some(1), "two bad documents");
    assert_eq!(remote.status.code(), Some(1), "{remote:?}");
    assert_eq!(stdout_lines(&local).len(), 60);
    assert!(local.stdout == remote.stdout, "byte-identical output");
    let stderr = String::from_utf8(remote.stderr).unwrap();
    for expected in ["line 32:", "line 33:", "`text`", "61 document(s) answered"] {
        assert!(stderr.contains(expected), "{expected:?}:\n{stderr}");
    }
}

#[tokio::test]
async fn extract_resume_finishes_a_killed_run_and_drops_its_half_line() {
    let server = TestServer::start_default().await;
    let addr = server.addr.to_string();
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("resume");
    std::fs::create_dir_all(&dir).unwrap();
    let input_path = dir.join("in.jsonl");
    let input = bulk_input(40);
    std::fs::write(&input_path, &input).unwrap();
    let local = run_with_stdin(
        {
            let mut command = attributor();
            command.args(["extract", "--jsonl"]);
            command
        },
        &input,
    );
    // What a killed run leaves: 17 answers and the start of the 18th.
    let out = dir.join("out.jsonl");
    let cut = local
        .stdout
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(16)
        .map(|(i, _)| i + 40)
        .unwrap();
    std::fs::write(&out, &local.stdout[..cut]).unwrap();

    let resumed = tokio::task::spawn_blocking({
        let out = out.clone();
        move || {
            attributor()
                .args(["extract", "--jsonl", "--server", &addr, "--resume"])
                .arg(&out)
                .arg(&input_path)
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    assert_eq!(resumed.status.code(), Some(1), "{resumed:?}");
    assert!(resumed.stdout.is_empty(), "answers go to the file");
    assert!(
        std::fs::read(&out).unwrap() == local.stdout,
        "the file now holds exactly the local run's output"
    );
    let stderr = String::from_utf8(resumed.stderr).unwrap();
    assert!(stderr.contains("17 skipped"), "{stderr}");
}

#[test]
fn extract_with_server_fails_clearly_when_nothing_listens() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let mut command = attributor();
    command.args([
        "extract",
        "--jsonl",
        "--server",
        &addr,
        "--give-up-after",
        "1s",
    ]);
    let output = run_with_stdin(command, &bulk_input(3));
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--resume"), "{stderr}");
    assert!(stderr.contains("Unavailable"), "{stderr}");
}

#[tokio::test]
async fn extract_with_discover_balances_over_what_the_name_resolves_to() {
    let server = TestServer::start_default().await;
    let addr = server.addr.to_string();
    let input = bulk_input(10);
    let output = tokio::task::spawn_blocking(move || {
        let mut command = attributor();
        command.args(["extract", "--jsonl", "--discover", "--server", &addr]);
        run_with_stdin(command, &input)
    })
    .await
    .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(stdout_lines(&output).len(), 10);

    let output = attributor()
        .args(["extract", "--jsonl", "--discover", "--server", "a:1,b:2"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--discover takes one"));
}
