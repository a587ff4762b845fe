# One image for the simulator and the API; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile
ENV NODE_ENV=production
EXPOSE 8989 8080
CMD ["pnpm", "sim", "--bind", "0.0.0.0", "--port", "8989"]
