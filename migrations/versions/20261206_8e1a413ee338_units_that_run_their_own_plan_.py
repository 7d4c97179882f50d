"""Units that run their own plan (a sở, a commune): departments, users and ownership rules
belong to a unit's workspace (NULL: the own unit's), and a department's or rule's code is
unique within its workspace.

Revision ID: 8e1a413ee338
Revises: c35b0c0ef657
Create Date: 2026-12-06 14:59:46.236468

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e1a413ee338'
down_revision = 'c35b0c0ef657'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_departments_code'), type_='unique')
        batch_op.create_index('uq_departments_own_code', ['code'], unique=True, sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
        batch_op.create_index('uq_departments_unit_code', ['unit_id', 'code'], unique=True, sqlite_where=sa.text('unit_id IS NOT NULL'), postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_departments_unit_id_units'), 'units', ['unit_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('planning_rules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_planning_rules_code'), type_='unique')
        batch_op.create_index('uq_planning_rules_own_code', ['code'], unique=True, sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
        batch_op.create_index('uq_planning_rules_unit_code', ['unit_id', 'code'], unique=True, sqlite_where=sa.text('unit_id IS NOT NULL'), postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.create_foreign_key(batch_op.f('fk_planning_rules_unit_id_units'), 'units', ['unit_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('runs_own_plan', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_unit_id'), ['unit_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_unit_id_units'), 'units', ['unit_id'], ['id'], ondelete='CASCADE')



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_unit_id_units'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_unit_id'))
        batch_op.drop_column('unit_id')

    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_column('runs_own_plan')

    with op.batch_alter_table('planning_rules', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_planning_rules_unit_id_units'), type_='foreignkey')
        batch_op.drop_index('uq_planning_rules_unit_code', sqlite_where=sa.text('unit_id IS NOT NULL'), postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.drop_index('uq_planning_rules_own_code', sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_planning_rules_code'), ['code'])
        batch_op.drop_column('unit_id')

    with op.batch_alter_table('departments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_departments_unit_id_units'), type_='foreignkey')
        batch_op.drop_index('uq_departments_unit_code', sqlite_where=sa.text('unit_id IS NOT NULL'), postgresql_where=sa.text('unit_id IS NOT NULL'))
        batch_op.drop_index('uq_departments_own_code', sqlite_where=sa.text('unit_id IS NULL'), postgresql_where=sa.text('unit_id IS NULL'))
        batch_op.create_unique_constraint(batch_op.f('uq_departments_code'), ['code'])
        batch_op.drop_column('unit_id')

