"""Stubs generated from proto/attribution/v1/attribution.proto by
clients/python/generate.sh (grpcio-tools). Do not edit; regenerate."""
