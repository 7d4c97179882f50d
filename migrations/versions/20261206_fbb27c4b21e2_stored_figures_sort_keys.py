"""Stored figures carry the units page's sort keys (the unit's name, expected share, overdue
tasks, share done), so the database orders and pages the units. The rows stored so far are a
cache without them: they are dropped and computed again on the next view.

Revision ID: fbb27c4b21e2
Revises: 1080be875798
Create Date: 2026-12-06 18:55:10.669876

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'fbb27c4b21e2'
down_revision = '1080be875798'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM stored_figures")
    with op.batch_alter_table('stored_figures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=200).with_variant(
            sa.String(length=200, collation='C'), 'postgresql'), nullable=False))
        batch_op.add_column(sa.Column('expected_pct', sa.Float(), nullable=False))
        batch_op.add_column(sa.Column('overdue', sa.Integer(), nullable=False))
        batch_op.add_column(sa.Column('done_pct', sa.Float(), nullable=False))


def downgrade():
    with op.batch_alter_table('stored_figures', schema=None) as batch_op:
        batch_op.drop_column('done_pct')
        batch_op.drop_column('overdue')
        batch_op.drop_column('expected_pct')
        batch_op.drop_column('name_key')
