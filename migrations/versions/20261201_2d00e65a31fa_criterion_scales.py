"""A rate criterion's scoring scale ("≥ 90%: 2; 70 - < 90%: 1; < 70%: 0").

Revision ID: 2d00e65a31fa
Revises: 2d402c0114dd
Create Date: 2026-12-01 21:49:41.022642

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2d00e65a31fa'
down_revision = '2d402c0114dd'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('criteria', schema=None) as batch_op:
        batch_op.add_column(sa.Column('scale', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('criteria', schema=None) as batch_op:
        batch_op.drop_column('scale')

