"""The run over a session's text in detail (mutation testing, issue 17): the budget, the run's
bookkeeping, the cache's requests and deliveries, the ranking, matches and saturation at their
edges, and the background worker."""
