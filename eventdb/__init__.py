"""eventdb: conflict reporting turned into a normalized PostgreSQL database.

The data flows one way: read article (`articles`) -> extract assertions
(`extract`, pure functions) -> resolve actors, places and incidents
(`resolve`) -> store in one transaction (`store`) -> saved views report
(`reports`). `cli` only parses options and calls these.
"""

__version__ = "0.1.0"
