"""Task list indexes: the default order (deadline, criterion, id) whole, by department, by status,
and over open tasks only, so that a page of 30,000 tasks costs what a page of 300 does.

Revision ID: 1a991ced1635
Revises: ae3277168b15
Create Date: 2026-12-01 19:10:45.129473

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1a991ced1635'
down_revision = 'ae3277168b15'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_deadline'))
        batch_op.drop_index(batch_op.f('ix_tasks_lead_deadline'))
        batch_op.create_index('ix_tasks_lead_deadline', ['lead_department_id', 'deadline', 'criterion_id', 'id'], unique=False)
        batch_op.create_index('ix_tasks_deadline_order', ['deadline', 'criterion_id', 'id'], unique=False)
        batch_op.create_index('ix_tasks_open_deadline', ['deadline', 'criterion_id', 'id'], unique=False, sqlite_where=sa.text("status NOT IN ('done', 'verified', 'cancelled')"), postgresql_where=sa.text("status NOT IN ('done', 'verified', 'cancelled')"))
        batch_op.create_index('ix_tasks_status_deadline', ['status', 'deadline', 'criterion_id', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_status_deadline')
        batch_op.drop_index('ix_tasks_open_deadline', sqlite_where=sa.text("status NOT IN ('done', 'verified', 'cancelled')"), postgresql_where=sa.text("status NOT IN ('done', 'verified', 'cancelled')"))
        batch_op.drop_index('ix_tasks_deadline_order')
        batch_op.drop_index('ix_tasks_lead_deadline')
        batch_op.create_index(batch_op.f('ix_tasks_lead_deadline'), ['lead_department_id', 'deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_deadline'), ['deadline'], unique=False)

