"""deploymap dashboard (placeholder until the dashboard issue lands)."""

import streamlit as st

st.set_page_config(page_title="deploymap", layout="wide")
st.title("deploymap")
st.write("Military and security deployments reported in the news.")
