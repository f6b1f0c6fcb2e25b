"""Test-drive marks, consensus scores (with a version for optimistic concurrency) and
conflict-of-interest declarations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "demo_mark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evaluator_id", sa.String(64), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("scenario_id", sa.String(32), nullable=False),
        sa.Column("requirement_id", sa.String(32), nullable=False),
        sa.Column("shown", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demo_mark")),
        sa.UniqueConstraint(
            "evaluator_id", "vendor_id", "scenario_id", "requirement_id",
            name=op.f("uq_demo_mark_evaluator_id_vendor_id_scenario_id_requirement_id"),
        ),
    )
    op.create_table(
        "consensus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vendor_id", sa.String(64), nullable=False),
        sa.Column("target", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consensus")),
        sa.UniqueConstraint("vendor_id", "target", name=op.f("uq_consensus_vendor_id_target")),
    )
    op.create_table(
        "declaration",
        sa.Column("evaluator_id", sa.String(64), nullable=False),
        sa.Column("declared_at", sa.DateTime(), nullable=False),
        sa.Column("interests", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.PrimaryKeyConstraint("evaluator_id", name=op.f("pk_declaration")),
    )


def downgrade() -> None:
    for table in ("declaration", "consensus", "demo_mark"):
        op.drop_table(table)
