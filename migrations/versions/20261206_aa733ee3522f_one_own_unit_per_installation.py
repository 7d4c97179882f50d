"""One own unit per installation: a partial unique index on units.own, so that two set-ups at
the same moment cannot both make a unit the installation's own.

Revision ID: aa733ee3522f
Revises: 858ad0e1bf65
Create Date: 2026-12-06 13:10:11.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'aa733ee3522f'
down_revision = '858ad0e1bf65'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index('uq_units_own', ['own'], unique=True,
                              sqlite_where=sa.text('own'), postgresql_where=sa.text('own'))


def downgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index('uq_units_own')
