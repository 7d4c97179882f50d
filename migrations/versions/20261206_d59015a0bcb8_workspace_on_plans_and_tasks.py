"""Plans and tasks keep the unit whose workspace they are followed in (NULL: the own unit's),
filled from each plan's assessment's unit: the workspace filter reads one indexed column
instead of nesting subqueries over plans, assessments and units (bench/units.py).

On PostgreSQL, statistics tell the planner that a task's plan decides its workspace: taken as
independent, "this plan's tasks in the own unit's workspace" was estimated at 3 rows of 467
and planned as a nested loop that took 20 ms instead of 3.

Revision ID: d59015a0bcb8
Revises: fbb27c4b21e2
Create Date: 2026-12-06 19:02:03.978020

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd59015a0bcb8'
down_revision = 'fbb27c4b21e2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('workspace_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_plans_workspace_id_units'), 'units', ['workspace_id'], ['id'])

    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('workspace_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tasks_workspace_id'), ['workspace_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_tasks_workspace_id_units'), 'units', ['workspace_id'], ['id'])

    op.execute("UPDATE plans SET workspace_id = (SELECT units.id FROM assessments JOIN units ON units.id = "
               "assessments.unit_id WHERE assessments.id = plans.assessment_id AND units.runs_own_plan)")
    op.execute("UPDATE tasks SET workspace_id = (SELECT plans.workspace_id FROM plans WHERE plans.id = tasks.plan_id)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE STATISTICS st_tasks_plan_workspace (dependencies, mcv) ON plan_id, workspace_id FROM tasks")
        # Every (plan, workspace) pair in the list, as long as there are fewer than 1,000 plans:
        # the own unit's workspace is "IS NULL", which only the list (not the dependency) serves.
        op.execute("ALTER STATISTICS st_tasks_plan_workspace SET STATISTICS 1000")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS st_tasks_plan_workspace")
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_tasks_workspace_id_units'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tasks_workspace_id'))
        batch_op.drop_column('workspace_id')

    with op.batch_alter_table('plans', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_plans_workspace_id_units'), type_='foreignkey')
        batch_op.drop_column('workspace_id')
