"""One recipient per outbox message, delivery claims, task escalations, users' mail settings
and department heads.

Revision ID: ebacf56625b7
Revises: 4eec8a2fbee2
Create Date: 2026-11-25 05:29:13.030957

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ebacf56625b7'
down_revision = '4eec8a2fbee2'
branch_labels = None
depends_on = None

notifications = sa.table(
    'notifications', sa.column('id', sa.Integer), sa.column('key', sa.String), sa.column('kind', sa.String),
    sa.column('recipients', sa.Text), sa.column('recipient', sa.String), sa.column('subject', sa.String),
    sa.column('body_text', sa.Text), sa.column('body_html', sa.Text), sa.column('created_at', sa.DateTime),
    sa.column('sent_at', sa.DateTime), sa.column('attempts', sa.Integer),
    sa.column('next_attempt_at', sa.DateTime), sa.column('last_error', sa.Text))


def split_recipients():
    """A queued message to "a, b" becomes one message to a and one to b, same key."""
    conn = op.get_bind()
    for row in conn.execute(sa.select(notifications)).mappings().all():
        addresses = [a.strip() for a in (row['recipients'] or '').split(',') if a.strip()] or ['-']
        conn.execute(notifications.update().where(notifications.c.id == row['id'])
                     .values(recipient=addresses[0]))
        copy = {k: v for k, v in row.items() if k not in ('id', 'recipient')}
        for address in dict.fromkeys(addresses[1:]):
            if address != addresses[0]:
                conn.execute(notifications.insert().values(**copy, recipient=address))


def upgrade():
    op.create_table('task_escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('overdue_working_days', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("level IN ('head', 'leaders')", name=op.f('ck_task_escalations_level')),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_escalations_task_id_tasks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_escalations')),
    sa.UniqueConstraint('task_id', 'level', name=op.f('uq_task_escalations_task_id_level'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recipient', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(), nullable=True))
        batch_op.drop_constraint(batch_op.f('uq_notifications_key'), type_='unique')
    split_recipients()
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('recipient', existing_type=sa.String(length=254), nullable=False)
        batch_op.create_index('ix_notifications_kind_created', ['kind', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_recipient', ['recipient'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_notifications_key_recipient'), ['key', 'recipient'])
        batch_op.create_foreign_key(batch_op.f('fk_notifications_user_id_users'), 'users', ['user_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('recipients')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False))
        batch_op.add_column(sa.Column('reminders_enabled', sa.Boolean(), server_default=sa.text('true'), nullable=False))
        batch_op.add_column(sa.Column('is_head', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.create_check_constraint(op.f('ck_users_head_role'), "NOT is_head OR role = 'department'")
        batch_op.create_index('uq_users_department_head', ['department_id'], unique=True, sqlite_where=sa.text('is_head'), postgresql_where=sa.text('is_head'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index('uq_users_department_head', sqlite_where=sa.text('is_head'), postgresql_where=sa.text('is_head'))
        batch_op.drop_constraint(op.f('ck_users_head_role'), type_='check')
        batch_op.drop_column('is_head')
        batch_op.drop_column('reminders_enabled')
        batch_op.drop_column('digest_enabled')

    # Messages to the same key are joined again into one message with several recipients.
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recipients', sa.TEXT(), nullable=True))
        batch_op.drop_constraint(batch_op.f('fk_notifications_user_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_notifications_key_recipient'), type_='unique')
        batch_op.drop_index('ix_notifications_recipient')
        batch_op.drop_index('ix_notifications_kind_created')
    conn = op.get_bind()
    kept = {}
    for row in conn.execute(sa.select(notifications.c.id, notifications.c.key, notifications.c.recipient)
                            .order_by(notifications.c.id)).all():
        kept.setdefault(row.key, (row.id, []))[1].append(row.recipient)
    for key, (first_id, addresses) in kept.items():
        conn.execute(notifications.update().where(notifications.c.id == first_id)
                     .values(recipients=', '.join(addresses)))
        conn.execute(notifications.delete().where(notifications.c.key == key, notifications.c.id != first_id))
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.alter_column('recipients', existing_type=sa.TEXT(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_notifications_key'), ['key'])
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('user_id')
        batch_op.drop_column('recipient')

    op.drop_table('task_escalations')
