FROM python:3.11-slim

WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    EGAPRO_DATABASE_URL=sqlite+aiosqlite:////data/egapro-assistant.db \
    EGAPRO_WEB_HOST=0.0.0.0 EGAPRO_INBOUND_SMTP_HOST=0.0.0.0

COPY pyproject.toml README.md ./
COPY egapro_engine egapro_engine
COPY egapro_assistant egapro_assistant
COPY store store
COPY bot bot
COPY mail mail
COPY web web
COPY scheduler scheduler
COPY reports reports
RUN pip install --no-cache-dir . && mkdir -p /data

VOLUME /data
EXPOSE 8080 2525
CMD ["egapro-assistant", "run"]
