"""Ranking groups: a province publishes one ranking per group of peers (its sở, its communes);
a unit is ranked among its own group.

Revision ID: 560ddc072e1d
Revises: c7bfa2aa4d7d
Create Date: 2026-12-06 16:22:19.712569

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '560ddc072e1d'
down_revision = 'c7bfa2aa4d7d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ranking_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('group', sa.String(length=100), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('ranking_entries', schema=None) as batch_op:
        batch_op.drop_column('group')

