"""Session tokens: a new value ends every session of a user (logout, password reset, deactivation).

Revision ID: ed833bde7367
Revises: 078148f6be25
Create Date: 2026-12-01 18:37:06.105233

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ed833bde7367'
down_revision = '078148f6be25'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=32), nullable=True))



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token')

