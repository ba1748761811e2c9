"""Use cases: each module tells one story (ingest, target, exams, cases, performance, staffing)."""
