"""Task parts: one task per criterion of a plan, or its numbered parts when split, enforced by a
unique key so that two generations at once cannot both add a task for one criterion.

Revision ID: ae3277168b15
Revises: ed833bde7367
Create Date: 2026-12-01 18:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ae3277168b15'
down_revision = 'ed833bde7367'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part', sa.Integer(), server_default=sa.text('1'), nullable=False))
    # Tasks already split (or duplicated by a past race) get parts 1, 2, … in the order made.
    op.execute("UPDATE tasks SET part = (SELECT count(*) FROM tasks AS t WHERE t.plan_id = tasks.plan_id "
               "AND t.criterion_id = tasks.criterion_id AND t.id <= tasks.id)")
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f('uq_tasks_plan_id_criterion_id_part'),
                                          ['plan_id', 'criterion_id', 'part'])


def downgrade():
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_tasks_plan_id_criterion_id_part'), type_='unique')
        batch_op.drop_column('part')
