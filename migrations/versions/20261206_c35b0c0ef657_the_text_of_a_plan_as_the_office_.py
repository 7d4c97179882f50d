"""The text of a plan as the office rewrote it: the sections (căn cứ, results, purpose, measures,
funding, organisation) that differ from the defaults written from the figures.

Revision ID: c35b0c0ef657
Revises: a9d7c9bf45b5
Create Date: 2026-12-06 13:36:33.586888

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c35b0c0ef657'
down_revision = 'a9d7c9bf45b5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prose', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_column('prose')
