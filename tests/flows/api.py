"""Reading a flow run back from the Prefect API, as the UI does."""

from __future__ import annotations

from typing import Any
from uuid import UUID


def run_artifacts(client: Any, flow_run_id: UUID) -> list[Any]:
    """Every artifact of one flow run (filtered by the server: a session holds many runs)."""
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    return client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
    )
