"""Calls attributor's Extract from Python, with stubs generated from proto/.

Generate the stubs first (grpcio-tools; the proto imports google/api
annotations, whose Python modules come with googleapis-common-protos),
then run:

    python -m grpc_tools.protoc -I proto --python_out=build/py \
        --grpc_python_out=build/py proto/attribution/v1/attribution.proto
    PYTHONPATH=build/py python examples/python/extract.py 127.0.0.1:50051 article.txt
"""

import sys

import grpc
from attribution.v1 import attribution_pb2, attribution_pb2_grpc


def main() -> int:
    address, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with grpc.insecure_channel(address) as channel:
        stub = attribution_pb2_grpc.AttributionServiceStub(channel)
        response = stub.Extract(
            attribution_pb2.ExtractRequest(document_id="python", text=text),
            timeout=30,
        )
    assert response.document_id == "python", response.document_id
    assert response.engine_version, "engine_version is set"
    for statement in response.statements:
        span = statement.quote.span
        # Code-point offsets index a Python str directly.
        assert text[span.start:span.end] == statement.quote.text
    print(
        f"python client: {len(response.statements)} statement(s), "
        f"{len(response.speakers)} speaker(s), engine {response.engine_version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
