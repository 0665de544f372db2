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
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home-dir /data egapro \
    && mkdir -p /data && chown egapro /data

USER egapro
VOLUME /data
# The web app (pages, webhook, /healthz) and the inbound SMTP server.
EXPOSE 8080 2525
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4).status != 200)"]
STOPSIGNAL SIGTERM
CMD ["egapro-assistant", "run"]
