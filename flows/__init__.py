"""Prefect orchestration and the command line around the summarizer library."""
