"""Document settings of the own unit: the coordinating body, Nơi nhận and Lưu lines of the plan
and of the periodic report, who sends the report to whom, and who signs.

No rows are written: an installation set up before this revision has none, and its documents
use its kind's starter values (starter.document_starter) until an admin saves the settings page.

Revision ID: 4f3e0bcadbe1
Revises: aa733ee3522f
Create Date: 2026-12-06 12:19:04.262139

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4f3e0bcadbe1'
down_revision = 'aa733ee3522f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('parent_body', sa.String(length=200), nullable=False),
    sa.Column('coordinator', sa.String(length=200), nullable=False),
    sa.Column('coordinator_symbol', sa.String(length=20), nullable=False),
    sa.Column('recipients', sa.Text(), nullable=False),
    sa.Column('archive', sa.String(length=200), nullable=False),
    sa.Column('signer_capacity', sa.String(length=3), nullable=False),
    sa.Column('signer_title', sa.String(length=100), nullable=False),
    sa.Column('signer_name', sa.String(length=100), nullable=False),
    sa.Column('report_sender', sa.String(length=20), nullable=False),
    sa.Column('report_addressee', sa.String(length=200), nullable=False),
    sa.Column('report_recipients', sa.Text(), nullable=False),
    sa.Column('report_archive', sa.String(length=200), nullable=False),
    sa.Column('coordinator_signer_capacity', sa.String(length=3), nullable=False),
    sa.Column('coordinator_signer_title', sa.String(length=100), nullable=False),
    sa.Column('coordinator_signer_name', sa.String(length=100), nullable=False),
    sa.CheckConstraint("report_sender IN ('unit', 'coordinator')", name=op.f('ck_document_settings_report_sender')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_document_settings_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_settings')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_document_settings_unit_id'))
    )


def downgrade():
    op.drop_table('document_settings')
