"""Replaying ticket logs against a matrix: the engine, explain, replay and summaries."""
