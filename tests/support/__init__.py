"""Test helpers for the CLI and batch tests: a fault-injecting server and test backends."""
