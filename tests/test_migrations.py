"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tracker.extensions import db


def test_no_drift_between_models_and_migrations(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_the_migrated_database_names_its_constraints_by_the_convention(app):
    """Read back from the database the migrations built (not from the models, which the naming
    convention names anyway): every primary key, foreign key, unique constraint, check and index
    carries the name the convention gives, so batch migrations on SQLite can find them."""
    from sqlalchemy import inspect
    inspector = inspect(db.engine)
    seen = 0
    for table in db.metadata.sorted_tables:
        name = table.name
        assert inspector.get_pk_constraint(name)["name"] == f"pk_{name}", name
        for fk in inspector.get_foreign_keys(name):
            expected = f"fk_{name}_{fk['constrained_columns'][0]}_{fk['referred_table']}"
            assert fk["name"] == expected, (name, fk)
        for unique in inspector.get_unique_constraints(name):
            assert unique["name"] == f"uq_{name}_{'_'.join(unique['column_names'])}", (name, unique)
        for check in inspector.get_check_constraints(name):
            assert check["name"].startswith(f"ck_{name}_"), (name, check)
        for index in inspector.get_indexes(name):
            assert index["name"].startswith(("ix_", "uq_")), (name, index)
        seen += 1
    assert seen == len(db.metadata.sorted_tables) > 10
