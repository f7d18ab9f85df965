"""Moving the test database between migration states, for the tests of data migrations."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, migration)...]) and return the apps of that state (historical models)."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_newest():
    """Every app back at its newest migration (going back may have unapplied other apps' dependants)."""
    return migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
