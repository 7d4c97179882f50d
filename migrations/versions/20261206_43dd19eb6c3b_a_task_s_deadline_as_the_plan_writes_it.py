"""A task's deadline as the plan writes it: "Quý III/2026" or "Thường xuyên" beside the date
that overdue, reminders and reports count from.

Revision ID: 43dd19eb6c3b
Revises: aa733ee3522f
Create Date: 2026-12-06 12:45:16.694675

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '43dd19eb6c3b'
down_revision = 'aa733ee3522f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deadline_label', sa.String(length=30), nullable=True))


def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_column('deadline_label')
