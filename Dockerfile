# attributor: multi-stage build.
#   docker build -t attributor .
#   docker run --rm -p 50051:50051 attributor
#
# The builder matches the toolchain in use (Rust 1.95, Debian bookworm); the
# runtime is distroless cc on Debian 12 (bookworm), so its glibc is the one
# the binary was linked against. cargo-chef caches the dependency build in
# its own layer, rebuilt only when Cargo.toml/Cargo.lock change.

FROM rust:1.95-bookworm AS chef
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin attributor

FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
COPY --from=builder /src/target/release/attributor /usr/local/bin/attributor
# Listen on every interface inside the container; `attributor health` reads
# the same variable and checks the loopback address of that port.
ENV ATTRIBUTOR_ADDR=0.0.0.0:50051 \
    ATTRIBUTOR_LOG_FORMAT=json
# distroless "nonroot" user, numeric so that the host can resolve it.
USER 65532:65532
EXPOSE 50051
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 \
    CMD ["/usr/local/bin/attributor", "health"]
# SIGTERM (also Docker's default) starts a graceful shutdown: NOT_SERVING,
# stop accepting, drain in-flight calls (ATTRIBUTOR_DRAIN_TIMEOUT), exit 0.
# Keep `docker stop --time` above the drain timeout.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/attributor"]
CMD ["serve"]
