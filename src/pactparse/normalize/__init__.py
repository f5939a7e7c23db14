"""Normalisation of extracted values: actors to codes, date hints to TIMEX3 values, amounts."""
