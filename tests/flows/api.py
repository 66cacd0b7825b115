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


def task_run_names(flow_run_id: UUID) -> list[str]:
    """The task names (the stage of each run, without Prefect's suffix) of one flow run."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id={"any_": [flow_run_id]}))
    return sorted(run.name.rsplit("-", 1)[0] for run in runs)
