"""The needs workshop: stakeholders' proposed priorities with their reasons, and the
facilitator's decision per requirement.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "proposal",
        sa.Column("stakeholder_id", sa.String(64), nullable=False),
        sa.Column("requirement_id", sa.String(32), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("stakeholder_id", "requirement_id", name=op.f("pk_proposal")),
    )
    op.create_table(
        "needs_decision",
        sa.Column("requirement_id", sa.String(32), nullable=False),
        sa.Column("priority", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("requirement_id", name=op.f("pk_needs_decision")),
    )


def downgrade() -> None:
    op.drop_table("needs_decision")
    op.drop_table("proposal")
